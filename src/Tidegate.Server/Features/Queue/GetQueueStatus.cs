using Tidegate.Domain.Queue;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// GET /api/v1/queue/{date}/status with X-Queue-Ticket: the place in line and a wait estimate, or
/// the admission. Answered from this instance's memory (QueueState); cheap enough to poll every second.
/// </summary>
public sealed class GetQueueStatus(
    VenueStore venues, QueueState state, QueueTickets tickets, QueueSettings settings, AvailabilityCache availability, TimeProvider clock)
{
    public const string Header = "X-Queue-Ticket";

    /// <summary>Still waiting; <c>pollAfterSeconds</c> says when asking again is worth it (see QueueRules.PollAfterSeconds).</summary>
    public sealed record WaitingView(long? Position, bool Admitted, int EstimatedWaitSeconds, bool SoldOut, string? QueueTicket, long? TicketNumber,
        int PollAfterSeconds);
    public sealed record AdmittedView(bool Admitted, string AdmissionToken, DateTimeOffset ExpiresAt, long TicketNumber);
    public sealed record ExpiredView(long? Position, bool Admitted, bool Expired, string Detail);

    public static Task<IResult> Handle(string date, HttpRequest http, GetQueueStatus useCase, CancellationToken ct) =>
        useCase.ExecuteAsync(date, http.Headers[Header].ToString(), ct);

    public async Task<IResult> ExecuteAsync(string date, string queueTicket, CancellationToken ct)
    {
        if (JoinQueue.ParseDate(date) is not { } day) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var ticket = tickets.ReadTicket(queueTicket);
        if (ticket is null || ticket.Date != day)
            return Problems.Invalid(Header, $"{Header} must be a queue ticket for {date}, as given by POST /api/v1/queue/{date}.");
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        // Sold out: nobody waiting can get a place any more, so tell them at once (cached, like availability).
        var opensAt = BookingWindow.OpensAt(day, calendar.Time);
        var soldOut = now >= opensAt && calendar.IsBookable(day, now) && await availability.RemainingAsync(day) == 0;
        var position = ticket.Position ?? state.ShuffledPosition(day, ticket.EntryId);
        if (position is not { } p)
        {
            var untilOpen = Math.Max(1, (int)Math.Ceiling((opensAt - now).TotalSeconds));
            return TypedResults.Ok(new WaitingView(null, false, untilOpen, soldOut, null, null, QueueRules.PollAfterSeconds(untilOpen)));
        }
        // An early arrival gets a ticket with its shuffled position, so its next polls need no lookup.
        var refreshed = ticket.Position is null ? tickets.Issue(ticket with { Position = p }) : null;
        return QueueRules.Standing(p, state.Progress(day), now, settings) switch
        {
            QueueStanding.Waiting w => TypedResults.Ok(new WaitingView(w.Place, false, w.EstimatedWaitSeconds, soldOut, refreshed, p,
                QueueRules.PollAfterSeconds(w.EstimatedWaitSeconds))),
            QueueStanding.Admitted a => TypedResults.Ok(new AdmittedView(true,
                tickets.Admit(new AdmissionClaims(ticket.EntryId, day, p, a.ExpiresAt)), calendar.Time.Local(a.ExpiresAt), p)),
            _ => TypedResults.Ok(new ExpiredView(null, false, true, "This admission expired unused: join the waiting room again.")),
        };
    }
}
