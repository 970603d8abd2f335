using System.Net;

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
        var networks = section.GetSection("MetricsNetworks");
        var entries = (networks.Value is { } single ? single.Split(',') : networks.GetChildren().Select(c => c.Value ?? ""))
            .Select(e => e.Trim()).Where(e => e.Length > 0);
        return new TelemetryOptions(
            section["OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : null,
            config["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 },
            section["OtlpProtocol"] ?? "grpc",
            entries.Select(Network).ToList());
    }

    private static IPNetwork Network(string text)
    {
        if (IPNetwork.TryParse(text, out var network)) return network;
        if (IPAddress.TryParse(text, out var address)) return new IPNetwork(address, address.GetAddressBytes().Length * 8);
        throw new InvalidOperationException($"Tidegate:Telemetry:MetricsNetworks: '{text}' is not an address or a CIDR block (e.g. 10.0.0.0/8).");
    }
}
