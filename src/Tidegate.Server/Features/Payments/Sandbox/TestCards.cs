namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>The well-known test card numbers the sandbox understands; any other number is declined.</summary>
public static class TestCards
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";

    /// <summary>Null when the card pays; otherwise the decline reason.</summary>
    public static string? DeclineReason(string cardNumber) => cardNumber switch
    {
        Succeeds => null,
        Declined => "card_declined",
        InsufficientFunds => "insufficient_funds",
        _ => "card_not_supported",
    };

    /// <summary>Well-formedness of what the card form sent; the field at fault, or null.</summary>
    public static (string Field, string Detail)? Check(string? number, string? expiry, string? cvc, DateTimeOffset now)
    {
        if (number is null || number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit))
            return ("cardNumber", "'cardNumber' must be 12 to 19 digits.");
        if (expiry is not { Length: 5 } || expiry[2] != '/' || !int.TryParse(expiry[..2], out var month) || month is < 1 or > 12
            || !int.TryParse(expiry[3..], out var year))
            return ("expiry", "'expiry' must be MM/YY.");
        if (new DateOnly(2000 + year, month, 1).AddMonths(1) <= DateOnly.FromDateTime(now.UtcDateTime))
            return ("expiry", "The card has expired.");
        if (cvc is null || cvc.Length is < 3 or > 4 || !cvc.All(char.IsAsciiDigit))
            return ("cvc", "'cvc' must be 3 or 4 digits.");
        return null;
    }

    public static string Normalise(string? number) => (number ?? "").Replace(" ", "").Replace("-", "");
}
