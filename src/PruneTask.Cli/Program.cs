using PruneTask.Cli;

NativeThreading.PreferPassiveWaiting();
return PruneCommandLine.Invoke(args);
