using Tidegate.Server.Infrastructure;
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
            .AddSingleton<PaymentWebhooks>()
            .AddSingleton<SettlePayment>()
            .AddSingleton<RefundRunner>()
            .AddSingleton<PaymentReconciler>()
            .AddHostedService(sp => sp.GetRequiredService<PaymentReconciler>());
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/payments/webhooks/{provider}", PaymentWebhooks.Handle).WithName("PaymentWebhook").WithTags("Payments")
            .WithSummary("Signed provider events; the payment's state is always read back from the provider.");
        if (app.ServiceProvider.GetService<SandboxProvider>() is not null) app.MapSandbox();
        return app;
    }
}
