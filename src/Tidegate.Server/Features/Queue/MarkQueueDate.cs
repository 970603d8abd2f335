using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Queue;

/// <summary>PUT /api/v1/admin/queue/{date} {"guarded": true}: an operator puts a date behind the waiting room (or takes it out).</summary>
public static class MarkQueueDate
{
    public sealed record Request(bool? Guarded);

    public static async Task<IResult> Handle(
        string date, Body<Request> request, QueueStore store, QueueState state, CancellationToken ct)
    {
        if (JoinQueue.ParseDate(date) is not { } day) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var body = await request.ReadAsync(); // after the date: its 400 comes first
        if (!body.IsOk) return Problems.From(body.Error);
        if (body.Value.Guarded is not { } guarded) return Problems.Invalid("guarded", "'guarded' must be true or false.");
        await store.MarkAsync(day, guarded, ct);
        state.SetMarked(day, guarded); // other instances see it at their next refresh (a fraction of a second)
        return TypedResults.Ok(new { date, guarded });
    }
}
