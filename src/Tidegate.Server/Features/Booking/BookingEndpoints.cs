using Tidegate.Server.Features.Payments;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

/// <summary>Booking owns the lifecycle: hold, checkout, confirmation (through Payments' port), cancel and move.</summary>
public static class BookingEndpoints
{
    public static IServiceCollection AddBooking(this IServiceCollection services) => services
        .AddSettings<BookingOptions>(BookingOptions.Section)
        .AddSettings<HoldOptions>(HoldOptions.Section)
        .AddSingleton<HoldStore>()
        .AddSingleton<CreateBooking>()
        .AddSingleton<BookingConsent>()
        .AddSingleton<GetBooking>()
        .AddSingleton<CheckoutBooking>()
        .AddSingleton<CancelBooking>()
        .AddSingleton<CancelBookingOnBehalf>()
        .AddSingleton<MoveBooking>()
        .AddSingleton<BookingAccess>()
        .AddSingleton<BookingLookup>()
        .AddSingleton<BookingConfirmation>()
        .AddSingleton<FindBookingsForStaff>()
        .AddSingleton<IPaymentSucceeded>(sp => sp.GetRequiredService<BookingConfirmation>())
        .AddHostedService<HoldSweeper>();

    public static IEndpointRouteBuilder MapBooking(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bookings");
        group.MapPost("", CreateBooking.Handle).WithBody<CreateBookingRequest>().WithName("CreateBooking").RequireRateLimiting(RateLimits.Bookings);
        group.MapGet("/{bookingId}", GetBooking.Handle).WithName("GetBooking");

        // Tagged "Payments" as they were before Booking owned them, so the API document stays the same.
        var booking = app.MapGroup("/api/v1/bookings/{bookingId}").WithTags("Payments");
        booking.MapPost("/checkout", CheckoutBooking.Handle).WithName("CheckoutBooking")
            .WithSummary("Creates (or returns) the booking's card payment; 409 hold_expired, 503 payment_unavailable.");
        booking.MapPost("/cancel", CancelBooking.Handle).WithName("CancelBooking")
            .WithSummary("Cancels until 23:59 the day before the visit, refunding what was paid; repeat-safe.");
        booking.MapPost("/move", MoveBooking.Handle).WithName("MoveBooking")
            .WithSummary("Moves a confirmed booking to another slot {date, start}.")
            .WithDescription("""
                Same price or cheaper: 200 with the moved booking (a cheaper slot's difference is refunded, see `refund`).
                Dearer: 202 {status: "payment_required", paymentId, paymentUrl, amountDue}; the move is made when the
                difference is paid (the new slot is claimed then; if it filled up meanwhile the difference is refunded and
                the booking stays). Every move issues a new ticket code and revokes the old one. Refusals: 409 not_confirmed,
                409 sold_out, 422 cancellation_closed (same deadline as cancelling), the booking rules' 422s, limit_exceeded.
                """)
            .Produces<BookingView>(200).Produces<MovePaymentRequired>(202);
        app.MapGet("/api/v1/admin/bookings", FindBookingsForStaff.Handle).WithName("FindBookingsForStaff")
            .WithSummary("Bookings by ?email= or ?bookingId= with personal data, payments and refunds (admin, operator); every call is audited.")
            .RequireAuthorization(Infrastructure.Auth.Policies.Operator);
        app.MapGet("/payments/return/{bookingId}", ReturnFromPayment.Handle).WithName("PaymentReturn").WithTags("Payments")
            .WithSummary("Where the card page sends the visitor back; settles, then redirects to the ticket page.");

        if (app.ServiceProvider.GetRequiredService<DevToolsOptions>().DevTools)
        {
            app.MapGet("/api/v1/dev/hold-writer", (HoldStore holds) => TypedResults.Ok(holds.Stats));
            app.MapGet("/api/v1/dev/write-lane", (Data.Db db) => TypedResults.Ok(db.Lane.Stats));
        }
        return app;
    }
}
