using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Tidegate.Server.Features.Payments;

/// <summary>
/// Every call to the provider goes through here: a timeout per attempt, retries with the same
/// idempotency key (so a retried create or refund never charges or refunds twice), and a circuit
/// breaker inside the retries (it counts every attempt) so that while the provider is down checkout
/// answers 503 at once instead of waiting.
/// </summary>
public sealed class PaymentGateway
{
    private readonly ResiliencePipeline _pipeline;

    public PaymentGateway(IPaymentProvider provider, PaymentResilienceOptions options)
    {
        Provider = provider;
        var builder = new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }
            .AddTimeout(TimeSpan.FromMilliseconds(options.TotalTimeoutMs));
        if (options.Retries is > 0 and var retries)
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retries,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = Transient(),
            });
        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumCalls,
                SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromMilliseconds(options.BreakMs),
                ShouldHandle = Transient(),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(options.AttemptTimeoutMs))
            .Build();
    }

    public IPaymentProvider Provider { get; }

    public Task<ProviderPayment> CreateAsync(NewPayment payment, string key, CancellationToken ct) =>
        RunAsync(t => Provider.CreateAsync(payment, key, t), ct);

    public Task<ProviderPayment> RetrieveAsync(string reference, CancellationToken ct) =>
        RunAsync(t => Provider.RetrieveAsync(reference, t), ct);

    public Task<ProviderRefund> RefundAsync(string reference, int amount, string key, CancellationToken ct) =>
        RunAsync(t => Provider.RefundAsync(reference, amount, key, t), ct);

    /// <summary>True when the provider is unreachable or refused: what callers turn into payment_unavailable.</summary>
    public static bool IsUnavailable(Exception e) =>
        e is PaymentProviderException or BrokenCircuitException or TimeoutRejectedException or HttpRequestException;

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        await _pipeline.ExecuteAsync(async t => await call(t), ct);

    private static PredicateBuilder Transient()
    {
        var predicate = new PredicateBuilder();
        predicate.Handle<PaymentProviderException>(e => e.Transient).Handle<TimeoutRejectedException>().Handle<HttpRequestException>();
        return predicate;
    }
}
