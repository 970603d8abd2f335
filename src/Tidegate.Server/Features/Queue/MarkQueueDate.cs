using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Queue;

/// <summary>PUT /api/v1/admin/queue/{date} {"guarded": true}: an operator puts a date behind the waiting room (or takes it out).</summary>
public static class MarkQueueDate
{
    public sealed record Request(bool? Guarded);

    public static async Task<IResult> Handle(
        string date, HttpRequest http, QueueStore store, QueueState state,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        if (JoinQueue.ParseDate(date) is not { } day) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var body = await JsonBody.ReadAsync<Request>(http, json.Value.SerializerOptions);
        if (!body.IsOk) return Problems.From(body.Error);
        if (body.Value.Guarded is not { } guarded) return Problems.Invalid("guarded", "'guarded' must be true or false.");
        await store.MarkAsync(day, guarded, ct);
        state.SetMarked(day, guarded); // other instances see it at their next refresh (a fraction of a second)
        return TypedResults.Ok(new { date, guarded });
    }
}
