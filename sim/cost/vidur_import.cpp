#include "sim/cost/vidur_import.hpp"

#include "sim/config/csv_table.hpp"
#include "sim/config/number_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace afdsim {

namespace {

constexpr int64_t kMaxShape = 100'000'000;

// Vidur's times are ms; afdsim's tables us, rounded to a picosecond to drop the binary noise of x 1000.
std::string us_text(double ms) { return format_number(std::round(ms * 1e9) / 1e6); }

bool is_true(const CsvTable& t, const CsvRow& row, size_t column)
{
  const std::string& v = t.choice(row, column, {"True", "False", "true", "false", "1", "0"});
  return v == "True" || v == "true" || v == "1";
}

struct ShapeColumns {
  size_t heads, kv_heads, embd, tp;
};

// The shape a row describes, for "the profile holds ..." in messages.
std::string shape_of(const CsvTable& t, const CsvRow& row, const ShapeColumns& c)
{
  return "n_head=" + t.text(row, c.heads) + " n_kv_head=" + t.text(row, c.kv_heads) + " n_embd=" + t.text(row, c.embd) +
         " tp=" + t.text(row, c.tp);
}

std::string wanted_shape(const ModelSpec& m, int tp)
{
  return "n_head=" + std::to_string(m.q_heads) + " n_kv_head=" + std::to_string(m.kv_heads) +
         " n_embd=" + std::to_string(m.hidden_size) + " tp=" + std::to_string(tp);
}

[[noreturn]] void no_rows(const CsvTable& t, const std::string& wanted, const std::set<std::string>& shapes)
{
  std::string have;
  for (const auto& s : shapes)
    have += (have.empty() ? "" : "; ") + s;
  t.fail_header("no row of the model's shapes (" + wanted + "); the profile holds: " + (have.empty() ? "no rows" : have));
}

std::string import_mlp(const CsvTable& t, const ModelSpec& m, const VidurImportOptions& o, size_t& count)
{
  const ShapeColumns c{t.column("n_head"), t.column("n_kv_head"), t.column("n_embd"),
                       t.column("num_tensor_parallel_workers")};
  const size_t expanded = t.column("n_expanded_embd"), tokens = t.column("num_tokens");
  const int64_t tp = o.tensor_parallel;
  struct Op {
    const char* vidur;
    const char* op;
    int64_t n, k;
    size_t column;
  };
  const int64_t hidden = m.hidden_size;
  std::vector<Op> ops = {
      {"attn_pre_proj", "qkv", (m.q_dim() + 2 * m.kv_dim()) / tp, hidden, 0},
      {"attn_post_proj", "o", hidden, m.q_dim() / tp, 0},
      {"mlp_up_proj", "gate_up", 2 * int64_t{m.intermediate_size} / tp, hidden, 0},
      {"mlp_down_proj", "down", hidden, int64_t{m.intermediate_size} / tp, 0},
  };
  for (auto& op : ops)
    op.column = t.column("time_stats." + std::string(op.vidur) + ".median");
  std::string csv = "op,weight_dtype,m,n,k,time_us_median\n";
  std::set<std::string> shapes;
  std::map<int64_t, size_t> seen;  // num_tokens -> line
  for (const auto& row : t.rows()) {
    const bool match = t.integer(row, c.heads, 1, kMaxShape) == m.q_heads &&
                       t.integer(row, c.kv_heads, 1, kMaxShape) == m.kv_heads &&
                       t.integer(row, c.embd, 1, kMaxShape) == m.hidden_size &&
                       t.integer(row, expanded, 1, kMaxShape) == m.intermediate_size &&
                       t.integer(row, c.tp, 1, kMaxShape) == tp;
    if (!match) {
      shapes.insert(shape_of(t, row, c) + " n_expanded_embd=" + t.text(row, expanded));
      continue;
    }
    const int64_t m_tokens = t.integer(row, tokens, 1, kMaxShape);
    const auto [it, inserted] = seen.emplace(m_tokens, row.line);
    if (!inserted)
      t.fail(row, tokens, "repeats the shape of line " + std::to_string(it->second) + " (one profile per file, please)");
    for (const auto& op : ops) {
      if (t.text(row, op.column).empty())
        continue;  // not measured in this row
      csv += std::string(op.op) + "," + to_string(o.weights) + "," + std::to_string(m_tokens) + "," +
             std::to_string(op.n) + "," + std::to_string(op.k) + "," + us_text(t.positive(row, op.column)) + "\n";
      count++;
    }
  }
  if (count == 0)
    no_rows(t, wanted_shape(m, o.tensor_parallel) + " n_expanded_embd=" + std::to_string(m.intermediate_size), shapes);
  return csv;
}

std::string import_attention(const CsvTable& t, const ModelSpec& m, const VidurImportOptions& o, size_t& count)
{
  const ShapeColumns c{t.column("n_q_head"), t.column("n_kv_head"), t.column("n_embd"),
                       t.column("num_tensor_parallel_workers")};
  const size_t batch = t.column("batch_size"), kv_size = t.column("kv_cache_size"), prefill = t.column("is_prefill"),
               time = t.column("time_stats.attn_decode.median");
  const int tp = o.tensor_parallel;
  std::string csv = "batch,context,q_heads,kv_heads,head_dim,kv_dtype,time_us_median\n";
  std::set<std::string> shapes;
  std::map<std::pair<int64_t, int64_t>, size_t> seen;  // (batch, KV tokens) -> line
  for (const auto& row : t.rows()) {
    if (is_true(t, row, prefill))
      continue;
    const bool match = t.integer(row, c.heads, 1, kMaxShape) == m.q_heads &&
                       t.integer(row, c.kv_heads, 1, kMaxShape) == m.kv_heads &&
                       t.integer(row, c.embd, 1, kMaxShape) == m.hidden_size && t.integer(row, c.tp, 1, kMaxShape) == tp;
    if (!match) {
      shapes.insert(shape_of(t, row, c));
      continue;
    }
    if (t.text(row, time).empty())
      continue;
    const int64_t requests = t.integer(row, batch, 1, kMaxShape);
    const int64_t context = t.integer(row, kv_size, 1, kMaxShape);
    const auto [it, inserted] = seen.emplace(std::make_pair(requests, context), row.line);
    if (!inserted)
      t.fail(row, batch, "repeats the shape of line " + std::to_string(it->second) +
                             " (several backends or block sizes? keep one per file)");
    csv += std::to_string(requests) + "," + std::to_string(context) + "," + std::to_string(m.q_heads / tp) + "," + std::to_string(std::max(m.kv_heads / tp, 1)) + "," +
           std::to_string(m.head_dim) + "," + to_string(o.kv) + "," + us_text(t.positive(row, time)) + "\n";
    count++;
  }
  if (count == 0)
    no_rows(t, wanted_shape(m, tp), shapes);
  return csv;
}

} // namespace

VidurTables import_vidur(const ModelSpec& model, const VidurImportOptions& options, const std::string& mlp_text,
                         const std::string& mlp_file, const std::string& attention_text,
                         const std::string& attention_file)
{
  const int tp = options.tensor_parallel;
  if (tp < 1 || model.q_heads % tp != 0 || model.intermediate_size % tp != 0 ||
      (model.kv_heads % tp != 0 && tp % model.kv_heads != 0))
    throw InputError("--tensor-parallel", "", std::to_string(tp) + " does not split the model's heads and FFN evenly");
  VidurTables out;
  const std::string header = "# Imported from a Vidur profile by afdsim import-vidur (model " + model.name +
                             ", tensor parallel " + std::to_string(tp) + ")\n";
  if (!mlp_file.empty())
    out.gemm_csv = header + import_mlp(CsvTable::parse(mlp_text, mlp_file), model, options, out.gemm_rows);
  if (!attention_file.empty())
    out.attention_csv =
        header + import_attention(CsvTable::parse(attention_text, attention_file), model, options, out.attention_rows);
  return out;
}

} // namespace afdsim
