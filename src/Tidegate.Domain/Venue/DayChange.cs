using Tidegate.Domain.Common;

namespace Tidegate.Domain.Venue;

/// <summary>
/// An operator's new hours for one date, checked against the standing rules: which slots the day
/// will have, and which of today's slots it removes (those must hold no active booking).
/// </summary>
public sealed record DayChange(DayOverride Override, DayPlan Plan, IReadOnlyList<int> Grid, IReadOnlyList<int> Removed, IReadOnlyList<int> Added)
{
    /// <param name="current">The date's override as stored now (null: the standing hours).</param>
    public static Result<DayChange> Check(DateOnly date, bool open, TimeOnly? opens, TimeOnly? closes, VenueSettings venue, DayOverride? current)
    {
        var change = open
            ? new DayOverride(date, false, opens ?? venue.Opens, closes ?? venue.Closes, current?.SlotCapacity)
            : new DayOverride(date, true, null, null, current?.SlotCapacity);
        if (open && change.Opens >= change.Closes)
            return new Error(ErrorCodes.InvalidRequest, "'closesAt' must be after 'opensAt'.").With("field", "closesAt");
        var plan = DayPlan.For(date, venue, change);
        var grid = Minutes(plan, venue);
        if (open && grid.Count == 0)
            return new Error(ErrorCodes.InvalidRequest,
                $"The hours leave no entry slot (last entry is {venue.LastEntryMinutesBeforeClose} minutes before closing).").With("field", "closesAt");
        var before = Minutes(DayPlan.For(date, venue, current), venue);
        return new DayChange(change, plan, grid, before.Except(grid).ToList(), grid.Except(before).ToList());
    }

    public static IReadOnlyList<int> Minutes(DayPlan plan, VenueSettings venue) =>
        SlotGrid.For(plan, venue).Select(s => s.StartMinute).ToList();
}
