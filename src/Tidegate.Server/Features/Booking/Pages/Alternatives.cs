using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>When a slot cannot take the party: the nearest slots that can, that day, else the next days with room.</summary>
public static class Alternatives
{
    public sealed record Option(DateOnly Date, DateTimeOffset Start, DateTimeOffset End, int Remaining, string Level);

    public static async Task<IReadOnlyList<Option>> NearestAsync(
        DateOnly date, DateTimeOffset wanted, int persons, AvailabilityCache cache)
    {
        // Never the slot that just said no: the cached availability may be a moment older than that answer.
        var sameDay = (await FitAsync(date, persons, cache)).Where(o => o.Start != wanted).ToList();
        if (sameDay.Count > 0)
            return sameDay.OrderBy(o => Math.Abs((o.Start - wanted).Ticks)).Take(3).ToList();
        var later = new List<Option>();
        for (var next = date.AddDays(1); next <= date.AddDays(14) && later.Count < 3; next = next.AddDays(1))
        {
            var options = await FitAsync(next, persons, cache);
            if (options.Count > 0) later.Add(options.OrderBy(o => Math.Abs((o.Start.TimeOfDay - wanted.TimeOfDay).Ticks)).First());
        }
        return later;
    }

    private static async Task<List<Option>> FitAsync(DateOnly date, int persons, AvailabilityCache cache)
    {
        var availability = await cache.ReadAsync(date);
        return availability.Slots.Where(s => s.Bookable && s.Remaining >= persons)
            .Select(s => new Option(date, s.Start, s.End, s.Remaining, s.Level)).ToList();
    }
}
