using PruneTask.Cli;

return PruneCommandLine.Invoke(args);
