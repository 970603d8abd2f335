global using System.Net;
global using Tidegate.Server.Tests.Support;
