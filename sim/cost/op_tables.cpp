#include "sim/cost/op_tables.hpp"

#include "sim/config/csv_table.hpp"

#include <filesystem>
#include <map>
#include <tuple>

namespace afdsim {

namespace {

constexpr int64_t kMaxTokens = 100'000'000;
constexpr int64_t kMaxFeatures = 100'000'000;
constexpr int64_t kMaxHeads = 4096;
constexpr int64_t kMaxLayers = 1024;
// Times from 1 ns to 1000 s, kernel counts up to a million per layer: beyond, a value is a typo,
// and one of 1e308 overflowed to inf (a NaN once interpolated: a profiled run that silently took
// no time) and one of 1e-300 made calibrate's relative errors infinite.
constexpr double kMinTimeUs = 1e-3;
constexpr double kMaxTimeUs = 1e9;
constexpr double kMaxKernels = 1e6;

std::string where_of(const CsvTable& t, const CsvRow& row) { return t.file() + ":" + std::to_string(row.line); }

Dtype dtype_at(const CsvTable& t, const CsvRow& row, size_t column)
{
  return *parse_dtype(t.choice(row, column, {"fp8", "bf16"}));
}

StepPart part_at(const CsvTable& t, const CsvRow& row, size_t column)
{
  const std::string& p = t.choice(row, column, {"attn", "ffn", "full"});
  return p == "attn" ? StepPart::attn : p == "ffn" ? StepPart::ffn : StepPart::full;
}

// Rows that measure the same thing twice are ambiguous: refuse the second, naming the first.
template <class Key>
void check_unique(std::map<Key, std::string>& seen, const Key& key, const CsvTable& t, const CsvRow& row, size_t column)
{
  const auto [it, inserted] = seen.emplace(key, where_of(t, row));
  if (!inserted)
    t.fail(row, column, "repeats the shape measured at " + it->second);
}

void add_gemm(const CsvTable& t, OperatorTables& out)
{
  const size_t op = t.column("op"), dtype = t.column("weight_dtype"), m = t.column("m"), n = t.column("n"),
               k = t.column("k"), time = t.column_of({"time_us_median", "time_us"});
  std::map<std::tuple<std::string, Dtype, int64_t, int64_t, int64_t>, std::string> seen;
  for (const auto& g : out.gemm)
    seen.emplace(std::make_tuple(g.op, g.weights, g.n, g.k, g.m), g.where);
  for (const auto& row : t.rows()) {
    GemmMeasurement g;
    g.op = t.choice(row, op, gemm_op_names());
    g.weights = dtype_at(t, row, dtype);
    g.m = t.integer(row, m, 1, kMaxTokens);
    g.n = t.integer(row, n, 1, kMaxFeatures);
    g.k = t.integer(row, k, 1, kMaxFeatures);
    g.time_us = t.positive(row, time, kMinTimeUs, kMaxTimeUs);
    g.where = where_of(t, row);
    check_unique(seen, std::make_tuple(g.op, g.weights, g.n, g.k, g.m), t, row, m);
    out.gemm.push_back(g);
  }
}

void add_attention(const CsvTable& t, OperatorTables& out)
{
  const size_t batch = t.column("batch"), context = t.column("context"), q = t.column("q_heads"),
               kv = t.column("kv_heads"), dim = t.column("head_dim"), dtype = t.column("kv_dtype"),
               time = t.column_of({"time_us_median", "time_us"});
  std::map<std::tuple<int, int, int, Dtype, int64_t, int64_t>, std::string> seen;
  for (const auto& a : out.attention)
    seen.emplace(std::make_tuple(a.q_heads, a.kv_heads, a.head_dim, a.kv, a.batch, a.context), a.where);
  for (const auto& row : t.rows()) {
    AttentionMeasurement a;
    a.batch = t.integer(row, batch, 1, kMaxTokens);
    a.context = t.integer(row, context, 1, kMaxTokens);
    a.q_heads = static_cast<int>(t.integer(row, q, 1, kMaxHeads));
    a.kv_heads = static_cast<int>(t.integer(row, kv, 1, kMaxHeads));
    a.head_dim = static_cast<int>(t.integer(row, dim, 1, kMaxHeads));
    a.kv = dtype_at(t, row, dtype);
    a.time_us = t.positive(row, time, kMinTimeUs, kMaxTimeUs);
    a.where = where_of(t, row);
    if (a.q_heads % a.kv_heads != 0)
      t.fail(row, q, "q_heads (" + std::to_string(a.q_heads) + ") must be a multiple of kv_heads (" +
                         std::to_string(a.kv_heads) + ")");
    check_unique(seen, std::make_tuple(a.q_heads, a.kv_heads, a.head_dim, a.kv, a.batch, a.context), t, row, batch);
    out.attention.push_back(a);
  }
}

void add_steps(const CsvTable& t, OperatorTables& out)
{
  const size_t part = t.column("part"), weights = t.column("weight_dtype"), kv = t.column("kv_dtype"),
               batch = t.column("batch"), context = t.column("context"), layers = t.column("layers"),
               time = t.column_of({"time_ms_median", "time_ms"});
  std::map<std::tuple<StepPart, Dtype, Dtype, int, int64_t, int64_t>, std::string> seen;
  for (const auto& s : out.steps)
    seen.emplace(std::make_tuple(s.part, s.weights, s.kv, s.layers, s.batch, s.context), s.where);
  for (const auto& row : t.rows()) {
    StepMeasurement s;
    s.part = part_at(t, row, part);
    s.weights = dtype_at(t, row, weights);
    s.kv = dtype_at(t, row, kv);
    s.batch = t.integer(row, batch, 1, kMaxTokens);
    if (s.part == StepPart::ffn) {
      if (!t.text(row, context).empty())
        t.fail(row, context, "must be empty for part ffn (the FFN reads no KV cache), got '" + t.text(row, context) + "'");
    } else {
      s.context = t.integer(row, context, 1, kMaxTokens);
    }
    s.layers = static_cast<int>(t.integer(row, layers, 1, kMaxLayers));
    s.time_ms = t.positive(row, time, kMinTimeUs * 1e-3, kMaxTimeUs * 1e-3);
    s.where = where_of(t, row);
    check_unique(seen, std::make_tuple(s.part, s.weights, s.kv, s.layers, s.batch, s.context), t, row, batch);
    out.steps.push_back(s);
  }
}

void add_kernel_counts(const CsvTable& t, OperatorTables& out)
{
  const size_t part = t.column("part"), weights = t.column("weight_dtype"), batch = t.column("batch"),
               kernels = t.column("kernels_per_layer");
  for (const auto& row : t.rows()) {
    KernelCount c;
    c.part = part_at(t, row, part);
    if (c.part == StepPart::full)
      t.fail(row, part, "must be attn or ffn (kernels of one half-layer), got 'full'");
    c.weights = dtype_at(t, row, weights);
    c.batch = t.integer(row, batch, 1, kMaxTokens);
    c.kernels = t.positive(row, kernels, 0, kMaxKernels);
    c.where = where_of(t, row);
    out.kernel_counts.push_back(c);
  }
}

} // namespace

const std::vector<std::string>& gemm_op_names()
{
  static const std::vector<std::string> names = {"qkv", "o", "gate_up", "down", "lm_head"};
  return names;
}

const char* to_string(StepPart part)
{
  return part == StepPart::attn ? "attn" : part == StepPart::ffn ? "ffn" : "full";
}

std::string add_table_csv(const std::string& text, const std::string& file, OperatorTables& tables)
{
  const CsvTable t = CsvTable::parse(text, file);
  std::string kind;
  if (t.has("op") && t.has("m")) {
    add_gemm(t, tables);
    kind = "gemm.csv";
  } else if (t.has("part") && t.has("kernels_per_layer")) {
    add_kernel_counts(t, tables);
    kind = "kernels_per_layer.csv";
  } else if (t.has("part")) {
    add_steps(t, tables);
    kind = "decode_step.csv";
  } else if (t.has("kv_heads")) {
    add_attention(t, tables);
    kind = "decode_attention.csv";
  } else {
    t.fail_header("not an operator table: expected the columns of gemm.csv (op,weight_dtype,m,n,k,time_us_median), "
                  "decode_attention.csv (batch,context,q_heads,kv_heads,head_dim,kv_dtype,time_us_median), "
                  "decode_step.csv (part,weight_dtype,kv_dtype,batch,context,layers,time_ms_median) or "
                  "kernels_per_layer.csv (part,weight_dtype,batch,context,kernels_per_layer)");
  }
  tables.files.push_back(file);
  return kind;
}

const std::vector<std::string>& profile_file_names()
{
  static const std::vector<std::string> names = {"gemm.csv", "decode_attention.csv", "decode_step.csv"};
  return names;
}

OperatorTables load_operator_tables(const std::string& dir, const std::string& where, const std::string& key)
{
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError(where, key, "'" + dir + "' is not a folder (it should hold gemm.csv, decode_attention.csv and/or "
                                 "decode_step.csv)");
  OperatorTables tables;
  for (const auto& name : profile_file_names()) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    if (!std::filesystem::exists(path, ec))
      continue;
    const std::string text = read_table_file(path, where, key);
    // The message names the setting that chose the folder, then the line of the table.
    try {
      const std::string kind = add_table_csv(text, path, tables);
      if (kind != name)
        throw InputError(path + ":1:1", "", "has the columns of " + kind + ", not those of " + name);
    } catch (const InputError& e) {
      throw InputError(where, key, e.what());
    }
  }
  if (tables.files.empty())
    throw InputError(where, key, "'" + dir + "' holds none of gemm.csv, decode_attention.csv, decode_step.csv");
  return tables;
}

} // namespace afdsim
