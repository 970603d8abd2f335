using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Features.Venue;

/// <summary>Tidegate:Availability: how long an availability answer is served from memory.</summary>
public sealed class AvailabilityOptions
{
    public const string Section = "Tidegate:Availability";

    [Range(0, long.MaxValue)] public long CacheMilliseconds { get; set; } = 1000;
    /// <summary>After holds were written, the cached answer is refreshed no sooner than this after it was loaded.</summary>
    [Range(0, long.MaxValue)] public long MinRefreshMilliseconds { get; set; } = 250;
}

/// <summary>Tidegate:Booking:SoldOutMemorySeconds: how long this instance remembers a slot as full (see <see cref="SlotSignals"/>).</summary>
public sealed class SoldOutMemoryOptions
{
    public const string Section = "Tidegate:Booking";

    [Range(0, double.MaxValue)] public double SoldOutMemorySeconds { get; set; } = 5.0;
}

/// <summary>
/// Tidegate:Venue:RevisionPollMilliseconds: how often the venue row's revision is checked. The rest of
/// Tidegate:Venue only seeds an empty database (<see cref="DemoVenue"/>); the venue row rules after that.
/// </summary>
public sealed class VenueWatchOptions
{
    public const string Section = "Tidegate:Venue";

    [Range(1, int.MaxValue)] public int RevisionPollMilliseconds { get; set; } = 1000;
}
