namespace Tidegate.Domain.Staff;

/// <summary>
/// Which one-time code is accepted (RFC 6238): 30-second steps counted from the Unix epoch, the
/// current step and one on either side (a phone's clock a little off), and never a step at or
/// before the last one accepted, so a code seen once (or an older one) cannot be replayed.
/// The code of a step is given by the caller (the HMAC lives in the server), so this stays pure.
/// </summary>
public static class TotpWindow
{
    public const int StepSeconds = 30;
    public const int Drift = 1;

    public enum Outcome { Accepted, Wrong, Replayed }

    public sealed record Decision(Outcome Outcome, long Step);

    public static long StepAt(DateTimeOffset now) => now.ToUnixTimeSeconds() / StepSeconds;

    public static Decision Verify(string? given, Func<long, string> codeOfStep, DateTimeOffset now, long? lastAcceptedStep)
    {
        var code = given?.Replace(" ", "", StringComparison.Ordinal);
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return new Decision(Outcome.Wrong, 0);
        var current = StepAt(now);
        for (var step = current - Drift; step <= current + Drift; step++)
        {
            if (!FixedTimeEquals(codeOfStep(step), code)) continue;
            return lastAcceptedStep is { } last && step <= last ? new Decision(Outcome.Replayed, step) : new Decision(Outcome.Accepted, step);
        }
        return new Decision(Outcome.Wrong, 0);
    }

    private static bool FixedTimeEquals(string a, string b)
    {
        if (a.Length != b.Length) return false;
        var diff = 0;
        for (var i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
        return diff == 0;
    }
}
