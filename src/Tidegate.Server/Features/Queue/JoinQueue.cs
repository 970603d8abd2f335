using System.Globalization;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Queue;

/// <summary>POST /api/v1/queue/{date}: join a date's waiting room; a signed ticket and the place in line (null before 00:00).</summary>
public sealed class JoinQueue(VenueStore venues, QueueStore store, QueueState state, QueueTickets tickets, TimeProvider clock)
{
    public sealed record Response(string QueueTicket, long? Position, long? TicketNumber, DateTimeOffset OpensAt, string StatusUrl);

    public static Task<IResult> Handle(string date, JoinQueue useCase, CancellationToken ct) => useCase.ExecuteAsync(date, ct);

    public async Task<IResult> ExecuteAsync(string date, CancellationToken ct)
    {
        if (ParseDate(date) is not { } day) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        var slots = calendar.Slots(day);
        if (slots.Count == 0) return Problems.From(new Error(ErrorCodes.VenueClosed, $"The aquarium is closed on {date}."));
        if (now >= calendar.Time.End(slots[^1])) return Problems.From(new Error(ErrorCodes.BookingClosed, "This date can no longer be booked."));
        var opensAt = BookingWindow.OpensAt(day, calendar.Time);
        var entryId = Guid.CreateVersion7().ToString();
        long? position;
        try
        {
            position = await store.JoinAsync(new QueueStore.Join(entryId, day, opensAt));
        }
        catch (OverloadedException)
        {
            return Problems.From(new Error(ErrorCodes.Unavailable, "The waiting room is very busy: try again in a second."));
        }
        var ticket = tickets.Issue(new QueueTickets.Ticket(entryId, day, position));
        long? place = position is { } p ? Math.Max(1, p - state.Progress(day).AdmittedUpTo) : null;
        return TypedResults.Created($"/api/v1/queue/{date}/status",
            new Response(ticket, place, position, calendar.Time.Local(opensAt), $"/api/v1/queue/{date}/status"));
    }

    public static DateOnly? ParseDate(string text) =>
        Tidegate.Domain.Venue.CalendarDates.Parse(text);
}
