using Tidegate.Server.Infrastructure;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Payments.Sandbox;
using Tidegate.Server.Features.Payments.Stripe;

namespace Tidegate.Server.Features.Payments;

/// <summary>Card payment (SPEC §4): the provider chosen by Tidegate:Payments:Provider (sandbox by default).</summary>
public static class PaymentEndpoints
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration config)
    {
        var provider = (config["Tidegate:Payments:Provider"] ?? SandboxProvider.ProviderName).ToLowerInvariant();
        services.AddHttpClient(nameof(SandboxWebhooks), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(StripeProvider.ProviderName, c => c.Timeout = TimeSpan.FromSeconds(30));
        if (provider == SandboxProvider.ProviderName)
        {
            services.AddSingleton(SandboxFaults.From(config)).AddSingleton<SandboxWebhooks>().AddSingleton<SandboxProvider>();
            services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<SandboxProvider>());
        }
        else if (provider == StripeProvider.ProviderName) services.AddSingleton<IPaymentProvider, StripeProvider>();
        else throw new InvalidOperationException($"Unknown Tidegate:Payments:Provider '{provider}' (sandbox or stripe).");

        return services
            .AddSettings<PaymentResilienceOptions>(PaymentResilienceOptions.Section)
            .AddSettings<PaymentReconcileOptions>(PaymentReconcileOptions.Section)
            .AddSettings<StripeOptions>(StripeOptions.Section)
            .AddSettings<SandboxOptions>(SandboxOptions.Section)
            .AddSingleton<PaymentGateway>()
            .AddSingleton<BookingConfirmation>()
            .AddSingleton<SettlePayment>()
            .AddSingleton<RefundRunner>()
            .AddSingleton<PaymentReconciler>()
            .AddHostedService(sp => sp.GetRequiredService<PaymentReconciler>());
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/v1/bookings/{bookingId}").WithTags("Payments");
        bookings.MapPost("/checkout", CheckoutBooking.Handle).WithName("CheckoutBooking")
            .WithSummary("Creates (or returns) the booking's card payment; 409 hold_expired, 503 payment_unavailable.");
        bookings.MapPost("/cancel", CancelBooking.Handle).WithName("CancelBooking")
            .WithSummary("Cancels until 23:59 the day before the visit, refunding what was paid; repeat-safe.");
        bookings.MapPost("/move", MoveBooking.Handle).WithName("MoveBooking")
            .WithSummary("Moves a confirmed booking to another slot {date, start}.")
            .WithDescription("""
                Same price or cheaper: 200 with the moved booking (a cheaper slot's difference is refunded, see `refund`).
                Dearer: 202 {status: "payment_required", paymentId, paymentUrl, amountDue}; the move is made when the
                difference is paid (the new slot is claimed then; if it filled up meanwhile the difference is refunded and
                the booking stays). Every move issues a new ticket code and revokes the old one. Refusals: 409 not_confirmed,
                409 sold_out, 422 cancellation_closed (same deadline as cancelling), the booking rules' 422s, limit_exceeded.
                """)
            .Produces<BookingView>(200).Produces<MovePaymentRequired>(202);
        app.MapPost("/api/v1/payments/webhooks/{provider}", PaymentWebhooks.Handle).WithName("PaymentWebhook").WithTags("Payments")
            .WithSummary("Signed provider events; the payment's state is always read back from the provider.");
        app.MapGet("/payments/return/{bookingId}", ReturnFromPayment.Handle).WithName("PaymentReturn").WithTags("Payments")
            .WithSummary("Where the card page sends the visitor back; settles, then redirects to the ticket page.");
        if (app.ServiceProvider.GetService<SandboxProvider>() is not null) app.MapSandbox();
        return app;
    }
}
