using Tidegate.Server.Features.Booking.Pages;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Tests.Booking;

/// <summary>The nearest other slots offered when a slot cannot take the party.</summary>
public class AlternativesTests
{
    [Fact]
    public async Task The_slot_that_said_no_is_never_offered_even_when_the_cached_view_still_shows_room()
    {
        using var app = new TestApp("sqlite");
        var cache = app.Get<AvailabilityCache>();
        var wanted = new DateTimeOffset(2026, 12, 20, 10, 30, 0, TimeSpan.FromHours(9));
        // The cached view shows every slot with room, 10:30 included (as it may for a moment after it filled).
        var slots = (await cache.ReadAsync(new DateOnly(2026, 12, 20))).Slots;
        Assert.Contains(slots, s => s.Start == wanted && s.Remaining >= 3);

        var offered = await Alternatives.NearestAsync(new DateOnly(2026, 12, 20), wanted, 3, cache);

        Assert.Equal(3, offered.Count);
        Assert.DoesNotContain(offered, o => o.Start == wanted);
        Assert.Equal([10.25, 10.75], offered.Take(2).Select(o => o.Start.TimeOfDay.TotalHours).Order());
    }
}
