using System.Net;
using Tidegate.Server.Infrastructure.Network;

namespace Tidegate.Server.Infrastructure.Telemetry;

/// <summary>
/// Tidegate:Telemetry: <c>OtlpEndpoint</c> (also the standard OTEL_EXPORTER_OTLP_ENDPOINT),
/// <c>OtlpProtocol</c> (grpc, the default, or http/protobuf), and <c>MetricsNetworks</c>: the
/// addresses or CIDR blocks that may read /metrics without a token (a list, or one comma-separated
/// string; empty by default). Read once at start; a malformed network stops the start.
/// </summary>
public sealed record TelemetryOptions(string? OtlpEndpoint, bool OtlpFromEnvironment, string OtlpProtocol, IReadOnlyList<IPNetwork> MetricsNetworks)
{
    public static TelemetryOptions From(IConfiguration config)
    {
        var section = config.GetSection("Tidegate:Telemetry");
        return new TelemetryOptions(
            section["OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : null,
            config["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 },
            section["OtlpProtocol"] ?? "grpc",
            AddressList.Read(config, "Tidegate:Telemetry:MetricsNetworks"));
    }
}
