using Tidegate.Domain.Common;
using System.Globalization;
using Tidegate.Domain.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Venue;

/// <summary>GET /api/v1/availability?date=yyyy-MM-dd: the online share of every slot of a date.</summary>
public static class GetAvailability
{
    public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End, int Capacity, int Remaining, string Level, bool Bookable);

    public sealed record Response(string Date, bool Open, DateTimeOffset BookingOpensAt, bool Bookable, IReadOnlyList<SlotView> Slots);

    public static async Task<IResult> Handle(string? date, AvailabilityCache cache, HttpResponse http)
    {
        if (CalendarDates.Parse(date) is not { } day)
            return Problems.Invalid("date", "Query parameter 'date' must be a calendar date as yyyy-MM-dd.");
        http.Headers.CacheControl = "public, max-age=1";
        return TypedResults.Bytes(await cache.GetAsync(day), "application/json; charset=utf-8");
    }

    public static async Task<Response> ReadAsync(DateOnly day, VenueStore venues, SlotStore slots, DateTimeOffset now, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var time = calendar.Time;
        var opensAt = time.Local(BookingWindow.OpensAt(day, time));
        var grid = calendar.Slots(day);
        var bookable = calendar.IsBookable(day, now);
        // Rows exist only once a date can be booked; before that every place is free.
        if (bookable) await slots.EnsureAsync(calendar, day, ct);
        var counts = bookable || day <= time.Today(now) ? await slots.CountsAsync(day, now, ct) : new Dictionary<int, SlotCount>();
        var online = calendar.Capacity(day).Online;
        var views = grid.Select(slot =>
        {
            var capacity = counts.TryGetValue(slot.StartMinute, out var count) ? (int)count.OnlineCapacity : online;
            var remaining = count?.OnlineRemaining ?? online;
            var end = time.End(slot);
            return new SlotView(time.Start(slot), end, capacity, remaining, SlotLevel.Of(capacity, remaining), bookable && now < end && remaining > 0);
        }).ToList();
        return new Response(IsoDate.Text(day), grid.Count > 0, opensAt, bookable, views);
    }
}
