using CrmBridge.Functions;
using CrmBridge.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCrmBridgeTelemetry(builder.Configuration);
builder.Services.AddCrmBridgeFunctions(builder.Configuration);
builder.Build().Run();
