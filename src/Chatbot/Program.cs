using Chatbot.Admin;
using Chatbot.Cli;
using Chatbot.DirectLine;
using Chatbot.Hosting;
using Chatbot.Protection;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

// Settings ship next to the executable; the working directory stays the caller's (see Knowledge:IndexPath).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddChatbotHost(builder.Configuration);

// The Bot Framework's usual port, unless ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, --urls or a Urls setting names others.
builder.UseDefaultListenAddress();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseProtection();
app.UseWebChatPage();
app.MapChatbotEndpoints();
app.MapDirectLine();
app.MapAdmin();

return await app.RunReportingConfigurationErrorsAsync();

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
