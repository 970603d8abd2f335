using Microsoft.Extensions.Localization;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>Every refusal of the API as a plain sentence in the visitor's language (texts in the resources).</summary>
public static class Messages
{
    public static string For(Error error, IStringLocalizer<SharedResource> text, int maxParty = 10)
    {
        if (error.Code == ErrorCodes.InvalidRequest && error.Extra?.GetValueOrDefault("field") is string field)
        {
            var specific = text["Error_field_" + field.Replace('.', '_')];
            return specific.ResourceNotFound ? text["Error_invalid_request"] : specific;
        }
        var message = error.Code switch
        {
            ErrorCodes.SoldOut => text["Error_sold_out", error.Extra?.GetValueOrDefault("remaining") ?? 0],
            ErrorCodes.InvalidPartySize => text["Error_invalid_party_size", maxParty],
            _ => text["Error_" + error.Code],
        };
        return message.ResourceNotFound ? text["Error_unknown"] : message;
    }
}
