using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Tidegate.Server.Tests.Payments;

namespace Tidegate.Server.Tests.Staff;

/// <summary>
/// Issue 11's "done when", on the real Tidegate.Server.dll in Production (no dev tools, configured
/// secrets, a public URL, SMTP, the card provider over HTTP: FakeStripe, since Production refuses the
/// sandbox): an admin made by `staff create` signs in with the printed one-time password, must choose
/// a password and enrol an authenticator, signs in with its code, registers a gate device; a visitor
/// books and pays by card; the device admits the ticket.
/// </summary>
public class FirstAdminInProductionTests
{
    [Theory, Engines]
    public async Task An_admin_made_by_the_command_registers_a_gate_that_admits_a_paid_ticket(string engine)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tidegate-process", Guid.NewGuid().ToString("N"));
        var postgres = engine == "postgres" ? PostgresServer.CreateDatabase() : null;
        using var smtp = new SmtpServer();
        await using var stripe = new FakeStripe();
        var environment = Production(smtp.Port, stripe.BaseUrl, postgres);
        try
        {
            string oneTime;
            using (var create = new ServerProcess(environment, folder, ["staff", "create", "--email", "Head.Keeper@Aquarium.example", "--role", "admin"]))
            {
                Assert.Equal(0, await create.ExitCodeAsync(90));
                const string Printed = "One-time password (shown only now): ";
                oneTime = Assert.Single(create.Lines, l => l.StartsWith(Printed, StringComparison.Ordinal))[Printed.Length..];
            }

            using var server = new ServerProcess(environment, folder);
            Assert.Equal(HttpStatusCode.OK, (await server.WaitForAsync("/health/ready", 90)).StatusCode);
            stripe.WebhookTarget = server.BaseUrl + "/api/v1/payments/webhooks/stripe";
            var anonymous = server.Client();
            const string Email = "head.keeper@aquarium.example";
            const string Chosen = "moray-eels-at-dawn-7";

            // The printed password opens a setup session only.
            var first = await SignIn(anonymous, Email, oneTime).ExpectJson(HttpStatusCode.OK);
            Assert.Equal("admin", (string?)first["role"]);
            Assert.Equal(["password", "second_factor"], first["setupRequired"]!.AsArray().Select(s => (string)s!));
            var setup = Bearer(server, (string)first["token"]!);
            await setup.PostJson("/api/v1/admin/gate-devices", new { name = "east-1" }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");

            Assert.Equal(HttpStatusCode.NoContent,
                (await setup.PostJson("/api/v1/staff/password", new { currentPassword = oneTime, newPassword = Chosen })).StatusCode);
            var enrolment = await setup.PostJson("/api/v1/staff/otp/enrol", new { }).ExpectJson(HttpStatusCode.OK);
            var secret = (string)enrolment["secret"]!;
            // The server runs on the real clock here: the authenticator's code of this moment, then of the next step.
            var confirmed = await setup.PostJson("/api/v1/staff/otp/confirm", new { otp = Code(secret, 0) }).ExpectJson(HttpStatusCode.OK);
            Assert.Equal(10, confirmed["recoveryCodes"]!.AsArray().Count);
            await setup.PostJson("/api/v1/admin/gate-devices", new { name = "east-1" }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");

            await SignIn(anonymous, Email, Chosen).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
            var full = await SignIn(anonymous, Email, Chosen, Code(secret, 1)).ExpectJson(HttpStatusCode.OK);
            Assert.Empty(full["setupRequired"]!.AsArray());
            var admin = Bearer(server, (string)full["token"]!);

            var device = await admin.PostJson("/api/v1/admin/gate-devices", new { name = "east-1" }).ExpectJson(HttpStatusCode.Created);
            var gate = Bearer(server, (string)device["token"]!);

            // A visitor books the next slot of today and pays by card on the provider's page.
            var (date, start) = await NextSlotAsync(anonymous);
            var booked = await anonymous.PostJson("/api/v1/bookings", Api.Guest(date, start, adult: 2, child: 0, email: "visitor@example.com"))
                .ExpectJson(HttpStatusCode.Created);
            var (id, key) = ((string)booked["bookingId"]!, (string)booked["accessKey"]!);
            var paymentId = await PaymentFlow.CheckoutAsync(anonymous, id, key);
            await stripe.PayAsync(paymentId);
            var booking = await PaymentFlow.WaitForStatusAsync(anonymous, id, key, "confirmed", 30);
            Assert.Equal("confirmed", (string?)booking["status"]);

            var scan = await gate.ScanOkAsync((string)booking["ticketCode"]!);
            Assert.Equal("admitted", (string?)scan["result"]);
            Assert.Equal(2, (int)scan["admitted"]!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            if (postgres is not null) PostgresServer.DropDatabase(postgres);
        }
    }

    /// <summary>
    /// Everything Production demands, and a venue whose clock reads about noon whenever the test runs
    /// (a fixed-offset zone), so today's next slot is open and its entry window is now.
    /// </summary>
    private static Dictionary<string, string?> Production(int smtpPort, string stripeUrl, string? postgres)
    {
        using var ticketKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var offset = NoonOffset();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Tidegate__Secrets__DataKeys__1"] = Key(),
            ["Tidegate__Secrets__LookupKey"] = Key(),
            ["Tidegate__Secrets__TokenKey"] = Key(),
            ["Tidegate__Tickets__ActiveKeyId"] = "k1",
            ["Tidegate__Tickets__Keys__k1__PrivateKey"] = Convert.ToBase64String(ticketKey.ExportPkcs8PrivateKey()),
            ["Tidegate__Payments__Provider"] = "stripe",
            ["Tidegate__Payments__Stripe__BaseUrl"] = stripeUrl,
            ["Tidegate__Payments__Stripe__ApiKey"] = FakeStripe.ApiKey,
            ["Tidegate__Payments__Stripe__WebhookSecret"] = FakeStripe.WebhookSecret,
            ["Tidegate__PublicUrl"] = "https://tickets.example.jp",
            ["Tidegate__Mail__Host"] = "127.0.0.1",
            ["Tidegate__Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Tidegate__DevTools"] = "false",
            ["Tidegate__Venue__TimeZone"] = offset == 0 ? "Etc/GMT" : offset > 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}",
        };
        if (postgres is not null)
        {
            environment["Tidegate__Database__Provider"] = "postgres";
            environment["Tidegate__Database__ConnectionString"] = postgres;
        }
        return environment;
    }

    private static int NoonOffset() => Math.Clamp(12 - DateTime.UtcNow.Hour, -12, 14);

    private static async Task<(string Date, string Start)> NextSlotAsync(HttpClient client)
    {
        var now = DateTimeOffset.UtcNow;
        var date = now.ToOffset(TimeSpan.FromHours(NoonOffset())).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = await client.GetAsync($"/api/v1/availability?date={date}").ExpectJson(HttpStatusCode.OK);
        var slot = today["slots"]!.AsArray().First(s =>
            DateTimeOffset.Parse((string)s!["start"]!, CultureInfo.InvariantCulture) > now && (int)s["remaining"]! >= 2)!;
        var start = DateTimeOffset.Parse((string)slot["start"]!, CultureInfo.InvariantCulture);
        return (start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string email, string password, string? otp = null) =>
        client.PostJson("/api/v1/staff/session", new { email, password, otp });

    private static HttpClient Bearer(ServerProcess server, string token)
    {
        var client = server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Code(string secret, int stepsFromNow) =>
        Tidegate.Server.Features.Staff.OtpCodes.CodeAt(secret, DateTimeOffset.UtcNow.AddSeconds(30 * stepsFromNow));

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
