#include "sim/report/cost_provenance_report.hpp"

#include "sim/config/scenario_enums.hpp"
#include "sim/cost/op_tables.hpp"

namespace afdsim {

namespace {

using nlohmann::json;

// Enough to see what fell back and why; the counts cover every shape.
constexpr size_t kMaxListedFallbacks = 200;

constexpr OpSource kSources[] = {OpSource::measured, OpSource::interpolated, OpSource::fallback, OpSource::roofline};

json zero_counts()
{
  json j = json::object();
  for (const OpSource s : kSources)
    j[to_string(s)] = 0;
  return j;
}

} // namespace

nlohmann::json cost_provenance_json(const CostModelConfig& cost_model, const CostProvenanceLog* log)
{
  json j = {{"kind", to_string(cost_model.kind)}};
  if (cost_model.kind != CostModelKind::profiled) {
    j["note"] = cost_model.kind == CostModelKind::fixed ? "every op time is a constant of the scenario"
                                                        : "every op time is the roofline's";
    return j;
  }
  j["tables"] = cost_model.tables;
  j["files"] = cost_model.profile ? cost_model.profile->files : std::vector<std::string>{};
  j["op_overhead_us"] = cost_model.op_overhead_us;
  json shapes = zero_counts();
  json lookups = zero_counts();
  json by_op = json::object();
  json fallbacks = json::array();
  size_t fallback_total = 0;
  if (log) {
    for (const auto& e : log->entries()) {
      const char* source = to_string(e.source);
      shapes[source] = shapes[source].get<uint64_t>() + 1;
      lookups[source] = lookups[source].get<uint64_t>() + e.lookups;
      if (!by_op.contains(e.op))
        by_op[e.op] = zero_counts();
      by_op[e.op][source] = by_op[e.op][source].get<uint64_t>() + 1;
      if (e.source != OpSource::fallback)
        continue;
      if (++fallback_total <= kMaxListedFallbacks)
        fallbacks.push_back({{"op", e.op}, {"shape", e.shape}, {"reason", e.reason}, {"lookups", e.lookups}});
    }
  }
  j["op_shapes"] = shapes;
  j["lookups"] = lookups;
  j["by_op"] = by_op;
  j["fallback_shapes"] = fallbacks;
  j["fallback_shapes_listed"] = fallbacks.size();
  j["fallback_shapes_total"] = fallback_total;
  return j;
}

void print_cost_provenance(std::ostream& out, const nlohmann::json& p)
{
  if (p.at("kind") != "profiled")
    return;
  const json& s = p.at("op_shapes");
  out << "cost model: profiled (" << p.at("tables").get<std::string>() << "): op shapes " << s.at("measured")
      << " measured, " << s.at("interpolated") << " interpolated, " << s.at("fallback")
      << " fell back to the roofline outside the tables, " << s.at("roofline")
      << " roofline (no table holds them); report.json cost_model_provenance lists them\n";
}

} // namespace afdsim
