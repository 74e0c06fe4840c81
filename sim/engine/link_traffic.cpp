#include "sim/engine/link_traffic.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <algorithm>

namespace afdsim {

const std::vector<size_t>& LinkTraffic::route(const simgrid::s4u::Host* src, const simgrid::s4u::Host* dst)
{
  const auto key = std::make_pair(src, dst);
  auto it = routes_.find(key);
  if (it != routes_.end())
    return it->second;
  std::vector<simgrid::s4u::Link*> links;
  double latency_s = 0;
  src->route_to(dst, links, &latency_s);
  std::vector<size_t> indices;
  for (const simgrid::s4u::Link* link : links) {
    auto [pos, inserted] = link_index_.emplace(link, links_.size());
    if (inserted)
      links_.push_back({link->get_name(), link->get_bandwidth(), 0.0});
    indices.push_back(pos->second);
  }
  return routes_.emplace(key, std::move(indices)).first->second;
}

void LinkTraffic::add(const simgrid::s4u::Host* src, const simgrid::s4u::Host* dst, double bytes)
{
  for (size_t i : route(src, dst))
    links_[i].bytes += bytes;
}

std::vector<SimulationResult::LinkUse> LinkTraffic::usage() const
{
  std::vector<SimulationResult::LinkUse> used;
  for (const auto& link : links_)
    if (link.bytes > 0)
      used.push_back(link);
  std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return used;
}

} // namespace afdsim
