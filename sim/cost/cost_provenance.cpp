#include "sim/cost/cost_provenance.hpp"

namespace afdsim {

void CostProvenanceLog::record(const std::string& op, const std::string& shape, OpSource source,
                               const std::string& reason)
{
  auto [it, inserted] = entries_.try_emplace({op, shape});
  if (inserted)
    it->second = Entry{op, shape, source, reason, 0};
  it->second.lookups++;
}

void CostProvenanceLog::add(const Entry& entry)
{
  auto [it, inserted] = entries_.try_emplace({entry.op, entry.shape}, entry);
  if (!inserted)
    it->second.lookups += entry.lookups;
}

std::vector<CostProvenanceLog::Entry> CostProvenanceLog::entries() const
{
  std::vector<Entry> out;
  out.reserve(entries_.size());
  for (const auto& [key, entry] : entries_)
    out.push_back(entry);
  return out;
}

} // namespace afdsim
