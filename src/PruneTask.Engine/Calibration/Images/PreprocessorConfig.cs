using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// How image files become pixel values: the fields of a Hugging Face <c>preprocessor_config.json</c>
/// (ViTImageProcessor, BitImageProcessor) that this tool reads, with their defaults. Steps run in the processors'
/// order: resize, center crop, rescale, normalize. Without the file: resize to the model's image size (bilinear),
/// rescale by 1/255, normalize with mean 0.5 and std 0.5 per channel (ViTImageProcessor's defaults).
/// </summary>
public sealed record PreprocessorConfig
{
    public const string FileName = "preprocessor_config.json";

    /// <summary>PIL's codes for <c>resample</c>.</summary>
    public const int Bilinear = 2;

    public const int Bicubic = 3;

    public bool DoResize { get; init; } = true;

    /// <summary>The resize target when <see cref="ShortestEdge"/> is null: <c>size</c>'s height and width.</summary>
    public int ResizeHeight { get; init; }

    public int ResizeWidth { get; init; }

    /// <summary><c>size: {"shortest_edge": N}</c>: the shorter side becomes N, the aspect ratio is kept (the longer side is truncated).</summary>
    public int? ShortestEdge { get; init; }

    public int Resample { get; init; } = Bilinear;

    public bool DoCenterCrop { get; init; }

    public int CropHeight { get; init; }

    public int CropWidth { get; init; }

    public bool DoRescale { get; init; } = true;

    public double RescaleFactor { get; init; } = 1.0 / 255;

    public bool DoNormalize { get; init; } = true;

    public IReadOnlyList<double> ImageMean { get; init; } = [0.5, 0.5, 0.5];

    public IReadOnlyList<double> ImageStd { get; init; } = [0.5, 0.5, 0.5];

    /// <summary>ViTImageProcessor's defaults for a model that takes <paramref name="input"/>.</summary>
    public static PreprocessorConfig Default(ImageShape input) => new()
    {
        ResizeHeight = input.Height,
        ResizeWidth = input.Width,
        CropHeight = input.Height,
        CropWidth = input.Width,
    };

    /// <summary>Reads <c>preprocessor_config.json</c> from the model folder, or gives <see cref="Default"/> when there is none.</summary>
    public static PreprocessorConfig Load(string? modelDirectory, ImageShape input)
    {
        var path = modelDirectory is null ? null : Path.Combine(modelDirectory, FileName);
        if (path is null || !File.Exists(path))
        {
            return Default(input);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalibrationDataException(path, $"cannot be read: {e.Message}", e);
        }

        return Parse(path, text, input);
    }

    /// <summary>Parses the text of a preprocessor_config.json; <paramref name="path"/> names it in errors.</summary>
    public static PreprocessorConfig Parse(string path, string text, ImageShape input)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject ?? throw new CalibrationDataException(path, "must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CalibrationDataException(path, $"is not valid JSON: {e.Message}", e);
        }

        var reader = new Reader(path, root);
        var defaults = Default(input);
        var (height, width, shortest) = reader.Size("size", SquareMeansShortestEdge(reader), defaults.ResizeHeight, defaults.ResizeWidth);
        var (cropHeight, cropWidth, cropShortest) = reader.Size("crop_size", squareMeansShortestEdge: false, defaults.CropHeight, defaults.CropWidth);
        if (cropShortest is not null)
        {
            throw new CalibrationDataException(path, "'crop_size' must be {\"height\": H, \"width\": W} or one number.");
        }

        var config = defaults with
        {
            DoResize = reader.Bool("do_resize", defaults.DoResize),
            ResizeHeight = height,
            ResizeWidth = width,
            ShortestEdge = shortest,
            Resample = reader.Int("resample", defaults.Resample),
            DoCenterCrop = reader.Bool("do_center_crop", defaults.DoCenterCrop),
            CropHeight = cropHeight,
            CropWidth = cropWidth,
            DoRescale = reader.Bool("do_rescale", defaults.DoRescale),
            RescaleFactor = reader.Number("rescale_factor", defaults.RescaleFactor),
            DoNormalize = reader.Bool("do_normalize", defaults.DoNormalize),
            ImageMean = reader.PerChannel("image_mean", defaults.ImageMean),
            ImageStd = reader.PerChannel("image_std", defaults.ImageStd),
        };
        if (config.DoResize && config.Resample is not (Bilinear or Bicubic))
        {
            throw new CalibrationDataException(path, $"'resample' is {config.Resample}: only 2 (bilinear) and 3 (bicubic) are supported.");
        }

        if (config.DoNormalize && config.ImageStd.Any(s => s == 0))
        {
            throw new CalibrationDataException(path, "'image_std' must not hold 0.");
        }

        return config;
    }

    /// <summary>The size one image of <paramref name="height"/> × <paramref name="width"/> is resized to.</summary>
    public (int Height, int Width) ResizedSize(int height, int width)
    {
        if (ShortestEdge is not { } edge)
        {
            return (ResizeHeight, ResizeWidth);
        }

        // transformers' get_resize_output_image_size: the short side becomes `edge`, the long one int(edge * long / short).
        var (shortSide, longSide) = width <= height ? (width, height) : (height, width);
        var newLong = (int)((double)edge * longSide / shortSide);
        return width <= height ? (newLong, edge) : (edge, newLong);
    }

    /// <summary>A canonical one-line form of every setting, for fingerprints and messages.</summary>
    public string Canonical()
    {
        var size = ShortestEdge is { } edge ? $"shortest_edge={edge}" : $"{ResizeHeight}x{ResizeWidth}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"resize={(DoResize ? 1 : 0)} size={size} resample={Resample} center_crop={(DoCenterCrop ? 1 : 0)} crop={CropHeight}x{CropWidth} " +
            $"rescale={(DoRescale ? 1 : 0)} factor={RescaleFactor:R} normalize={(DoNormalize ? 1 : 0)} " +
            $"mean={string.Join(",", ImageMean.Select(m => m.ToString("R", CultureInfo.InvariantCulture)))} " +
            $"std={string.Join(",", ImageStd.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}");
    }

    /// <summary>
    /// A plain number as <c>size</c> is a square for ViTImageProcessor (and most processors) but the shortest edge for
    /// BitImageProcessor, as transformers reads it.
    /// </summary>
    private static bool SquareMeansShortestEdge(Reader reader) =>
        reader.String("image_processor_type") == "BitImageProcessor";

    /// <summary>Typed reads; an explicit JSON null counts as missing, a value of the wrong type is an error naming the key.</summary>
    private sealed class Reader(string path, JsonObject root)
    {
        public bool Bool(string key, bool fallback) => root[key] switch
        {
            null => fallback,
            JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
            _ => throw Invalid(key, "true or false"),
        };

        public double Number(string key, double fallback) => root[key] is null ? fallback : NumberOf(root[key], key);

        public int Int(string key, int fallback) => root[key] is null ? fallback : IntOf(root[key], key);

        public string? String(string key) => root[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

        /// <summary><c>{"height": H, "width": W}</c>, <c>{"shortest_edge": N}</c> or one number.</summary>
        public (int Height, int Width, int? ShortestEdge) Size(string key, bool squareMeansShortestEdge, int height, int width)
        {
            switch (root[key])
            {
                case null:
                    return (height, width, null);
                case JsonValue:
                    var n = Positive(root[key], key);
                    return squareMeansShortestEdge ? (height, width, n) : (n, n, null);
                case JsonObject size when size.Count == 1 && size["shortest_edge"] is { } edge:
                    return (height, width, Positive(edge, $"{key}.shortest_edge"));
                case JsonObject size when size.Count == 2 && size["height"] is { } h && size["width"] is { } w:
                    return (Positive(h, $"{key}.height"), Positive(w, $"{key}.width"), null);
                default:
                    throw Invalid(key, "{\"height\": H, \"width\": W}, {\"shortest_edge\": N} or one number");
            }
        }

        /// <summary>Three numbers (one per RGB channel), or one number for all three.</summary>
        public IReadOnlyList<double> PerChannel(string key, IReadOnlyList<double> fallback) => root[key] switch
        {
            null => fallback,
            JsonArray { Count: 3 } values => [.. values.Select((v, i) => NumberOf(v, $"{key}[{i}]"))],
            JsonValue one => [NumberOf(one, key), NumberOf(one, key), NumberOf(one, key)],
            _ => throw Invalid(key, "three numbers (R, G, B) or one number"),
        };

        private double NumberOf(JsonNode? node, string key) =>
            node is JsonValue v && v.TryGetValue<double>(out var number) ? number : throw Invalid(key, "a number");

        private int IntOf(JsonNode? node, string key) =>
            NumberOf(node, key) is var value && value == Math.Floor(value) && Math.Abs(value) <= int.MaxValue ? (int)value : throw Invalid(key, "an integer");

        private int Positive(JsonNode? node, string key) => IntOf(node, key) is var value && value > 0 ? value : throw Invalid(key, "a positive integer");

        private CalibrationDataException Invalid(string key, string what) => new(path, $"'{key}' must be {what}.");
    }
}
