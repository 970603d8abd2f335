using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;

namespace Tidegate.Domain.Venue;

/// <summary>What an operator may set as a price or a holiday; a refusal names the field (API: 400 invalid_request).</summary>
public static class VenueEdits
{
    /// <summary>A ticket costs 0 (toddlers) up to this many yen.</summary>
    public const int MaxPrice = 100_000;
    public const int MaxHolidayNameLength = 60;

    /// <summary>The amounts given, checked; a type left out keeps its price.</summary>
    public static Result<IReadOnlyDictionary<(TicketType, DayKind), int>> Prices(IEnumerable<(TicketType Type, DayKind Kind, int? Amount)> given)
    {
        var prices = new Dictionary<(TicketType, DayKind), int>();
        foreach (var (type, kind, amount) in given)
        {
            if (amount is null) continue;
            if (amount is < 0 or > MaxPrice)
                return new Error(ErrorCodes.InvalidRequest, $"A price must be a whole number of yen from 0 to {MaxPrice}.")
                    .With("field", FieldOf(type, kind));
            prices[(type, kind)] = amount.Value;
        }
        if (prices.Count == 0)
            return new Error(ErrorCodes.InvalidRequest, "Give at least one price.").With("field", "weekday");
        return prices;
    }

    /// <summary>The JSON path of one price in the request, e.g. <c>weekendOrHoliday.adult</c>.</summary>
    public static string FieldOf(TicketType type, DayKind kind) =>
        $"{(kind == DayKind.Weekday ? "weekday" : "weekendOrHoliday")}.{type.ToString().ToLowerInvariant()}";

    /// <summary>A holiday's name, trimmed: 1 to 60 characters, no control characters.</summary>
    public static Result<string> HolidayName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxHolidayNameLength || trimmed.Any(char.IsControl))
            return new Error(ErrorCodes.InvalidRequest, $"'name' must be 1 to {MaxHolidayNameLength} characters.").With("field", "name");
        return trimmed;
    }
}
