namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>Texts of the console's bookings pages (search and one booking).</summary>
public sealed class ConsoleBookingsText;
