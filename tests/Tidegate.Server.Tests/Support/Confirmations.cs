using Tidegate.Server.Features.Payments;
using Tidegate.Server.Tests.Payments;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// Confirms a held booking the way a visitor's card payment does: checkout, the sandbox charge, then
/// the settlement the return page runs (BookingConfirmation through the write lane, with every
/// registered IConfirmationStep). The sandbox's own webhooks for the payment are drained before it
/// returns, so none lands later in the test.
/// </summary>
public static class Confirmations
{
    public static async Task ConfirmAsync(TestApp app, string bookingId, string accessKey)
    {
        var client = app.CreateClient();
        var paymentId = await PaymentFlow.CheckoutAsync(client, bookingId, accessKey);
        if (await PaymentFlow.PayAsync(client, paymentId) is var paid and not "succeeded")
            throw new InvalidOperationException($"The sandbox answered {paid} to the test card.");
        await app.Get<SettlePayment>().SettleBookingAsync(bookingId, CancellationToken.None);
        await app.DrainAsync();
        var status = (string?)(await client.GetBooking(bookingId, accessKey).ExpectJson(HttpStatusCode.OK))["status"];
        if (status != "confirmed") throw new InvalidOperationException($"Booking {bookingId} is {status} after its payment, not confirmed.");
    }
}
