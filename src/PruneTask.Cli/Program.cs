using PruneTask.Cli;

return PruneCommandLine.Create().Parse(args).Invoke();
