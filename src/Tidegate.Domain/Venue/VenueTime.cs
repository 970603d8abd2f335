namespace Tidegate.Domain.Venue;

/// <summary>Converts between instants and the venue's wall clock, whatever the server's zone.</summary>
public sealed class VenueTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static VenueTime Of(string zoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(zoneId));

    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now).DateTime);

    public DateTimeOffset Start(Slot slot) => At(slot.Date, slot.Start);

    public DateTimeOffset End(Slot slot) => At(slot.Date, slot.End);
}
