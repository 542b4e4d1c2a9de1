Console.WriteLine("dotnet-prune");
