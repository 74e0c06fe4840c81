#pragma once
// Measured operator times in the tidy CSV format of ../shared/calibration/h100-sxm/ (one file per
// kind, recognised by its header): what the profiled cost model interpolates and what
// `afdsim calibrate` fits a GPU preset to.
//
//   gemm.csv               op,weight_dtype,m,n,k,time_us_median        one GEMM: m tokens x (k -> n)
//   decode_attention.csv   batch,context,q_heads,kv_heads,head_dim,kv_dtype,time_us_median   one layer
//   decode_step.csv        part,weight_dtype,kv_dtype,batch,context,layers,time_ms_median    all layers
//   kernels_per_layer.csv  part,weight_dtype,batch,context,kernels_per_layer                 profiler count
//
// time_us / time_ms are accepted for the *_median columns; other columns (min, max) are ignored.
// Times must lie in [1 ns, 1000 s] (time_us in [0.001, 1e9]), kernel counts in (0, 1e6].
#include "sim/cost/decode_estimate.hpp"
#include "sim/specs/dtype.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace afdsim {

// GEMM ops a table may hold: the four linear layers of a decoder layer and the LM head.
const std::vector<std::string>& gemm_op_names();

struct GemmMeasurement {
  std::string op;      // qkv, o, gate_up, down, lm_head
  Dtype weights = Dtype::fp8;
  int64_t m = 0;       // tokens
  int64_t n = 0;       // output features
  int64_t k = 0;       // input features
  double time_us = 0;
  std::string where;   // file:line
};

struct AttentionMeasurement {
  int64_t batch = 0;   // requests
  int64_t context = 0; // KV tokens of every request
  int q_heads = 0;
  int kv_heads = 0;
  int head_dim = 0;
  Dtype kv = Dtype::bf16;
  double time_us = 0;  // one layer
  std::string where;
};

struct StepMeasurement {
  StepPart part = StepPart::full;
  Dtype weights = Dtype::fp8;
  Dtype kv = Dtype::bf16;
  int64_t batch = 0;
  int64_t context = 0; // 0 for part ffn (the column is empty: the FFN does not read KV)
  int layers = 0;
  double time_ms = 0;  // all `layers` layers
  std::string where;
};

struct KernelCount {
  StepPart part = StepPart::full;
  Dtype weights = Dtype::fp8;
  int64_t batch = 0;
  double kernels = 0;  // per layer, as the profiler counted them
  std::string where;
};

struct OperatorTables {
  std::vector<GemmMeasurement> gemm;
  std::vector<AttentionMeasurement> attention;
  std::vector<StepMeasurement> steps;
  std::vector<KernelCount> kernel_counts;
  std::vector<std::string> files;  // every file read, in order
  bool empty() const { return gemm.empty() && attention.empty() && steps.empty() && kernel_counts.empty(); }
};

const char* to_string(StepPart part);

// Parses one table, recognised by its header, and appends its rows to `tables`; returns the kind
// as its usual file name ("gemm.csv", ...). InputError ("file:line:column: column: reason") for a
// malformed line, an unknown header, or a row that repeats the shape of an earlier one (in any
// file added before).
std::string add_table_csv(const std::string& text, const std::string& file, OperatorTables& tables);

// The tables of a profile folder: gemm.csv, decode_attention.csv, decode_step.csv, those present
// (at least one). `where` and `key` locate the setting that named the folder, for errors about it.
OperatorTables load_operator_tables(const std::string& dir, const std::string& where, const std::string& key);

// The profile files afdsim looks for in a folder.
const std::vector<std::string>& profile_file_names();

} // namespace afdsim
