using PruneTask.Cli;

NativeThreading.PreferPassiveWaiting();
return PruneCommandLine.Create().Parse(args).Invoke();
