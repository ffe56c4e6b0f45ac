return await ClientAgent.Cli.AgentCommandLine.RunAsync(args);
