using System.Net.Http.Json;
using Tidegate.Server.Tests.Queue;

namespace Tidegate.Server.Tests.Booking;

/// <summary>A stored answer (with its access key) goes back only to the caller that made it.</summary>
public class IdempotencyCallerTests
{
    private static readonly object MemberBody = new { date = "2026-12-20", start = "10:30", tickets = new { adult = 2, child = 0, infant = 0, toddler = 0 } };

    [Theory, Engines]
    public async Task Another_member_reusing_a_key_and_body_gets_a_conflict_not_the_first_members_booking(string engine)
    {
        using var app = new TestApp(engine);
        var hanako = await Gate.ClientWithRoleAsync(app, "member", "member-hanako");
        var taro = await Gate.ClientWithRoleAsync(app, "member", "member-taro");

        var first = await hanako.PostJson("/api/v1/bookings", MemberBody, "family-app-1").ExpectJson(HttpStatusCode.Created);
        var stolen = await taro.PostJson("/api/v1/bookings", MemberBody, "family-app-1");
        var again = await hanako.PostJson("/api/v1/bookings", MemberBody, "family-app-1").ExpectJson(HttpStatusCode.Created);

        var problem = await stolen.ExpectProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        Assert.DoesNotContain((string)first["accessKey"]!, problem.ToJsonString());
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
    }

    [Theory, Engines]
    public async Task Another_guest_with_its_own_admission_reusing_a_key_and_body_gets_a_conflict(string engine)
    {
        using var app = QueueClient.App(engine, rate: 10, maxOutstanding: 10);
        var original = app.CreateClient();
        var other = app.CreateClient();
        var admission = (string)(await original.AdmittedAsync((string)(await original.JoinAsync())["queueTicket"]!))["admissionToken"]!;
        var otherAdmission = (string)(await other.AdmittedAsync((string)(await other.JoinAsync())["queueTicket"]!))["admissionToken"]!;

        var first = await Book(original, admission).ExpectJson(HttpStatusCode.Created);
        var stolen = await Book(other, otherAdmission);
        var retried = await Book(original, admission).ExpectJson(HttpStatusCode.Created);

        var problem = await stolen.ExpectProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        Assert.DoesNotContain((string)first["accessKey"]!, problem.ToJsonString());
        Assert.Equal(first.ToJsonString(), retried.ToJsonString());
    }

    private static Task<HttpResponseMessage> Book(HttpClient client, string admission)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(Api.Guest()) };
        request.Headers.Add("X-Admission-Token", admission);
        request.Headers.Add("Idempotency-Key", "same-key-from-a-buggy-app");
        return client.SendAsync(request);
    }
}
