#pragma once
// Where the profiled cost model's op times came from: one entry per distinct (op, shape) it was
// asked for, with its source (measured, interpolated, fallback, roofline) and how many times it
// was asked. The engine gives the simulation's cost model one (new_cost_provenance), the result
// carries it and the report lists it.
#include "sim/cost/table_interpolation.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace afdsim {

class CostProvenanceLog {
public:
  struct Entry {
    std::string op;      // "qkv_gemm", "decode_attention", "attention_half_layer", ...
    std::string shape;   // "m=112 n=51200 k=5120 fp8", "batch=16 context=2304.5", ...
    OpSource source = OpSource::roofline;
    std::string reason;  // fallback: why the tables did not cover it
    uint64_t lookups = 0;
  };

  void record(const std::string& op, const std::string& shape, OpSource source, const std::string& reason);
  // An entry of another log (one a child process shipped, sim/engine/result_codec): its lookups add up.
  void add(const Entry& entry);
  // Sorted by (op, shape): the same run gives the same list.
  std::vector<Entry> entries() const;
  bool empty() const { return entries_.empty(); }

private:
  std::map<std::pair<std::string, std::string>, Entry> entries_;
};

} // namespace afdsim
