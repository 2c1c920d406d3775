using System.Net;
using System.Net.Sockets;

namespace Chatbot.Browser.Tests.Hosting;

/// <summary>Free TCP ports on 127.0.0.1 for the processes the tests start.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on now (the OS picks it; another process could take it before it is used).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
