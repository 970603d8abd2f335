namespace Tidegate.Server.Features.Booking;

/// <summary>One scan of a booking's ticket at a gate, as staff see it (instants in venue time).</summary>
public sealed record BookingScan(DateTimeOffset ScannedAt, string GateId, string Result, string? Reason, int Admitted, bool Offline);

/// <summary>A booking's scans for the console; Gates implements it, as it owns them (Booking sits below Gates).</summary>
public interface IBookingScans
{
    Task<IReadOnlyList<BookingScan>> OfBookingAsync(string bookingId, CancellationToken ct);
}
