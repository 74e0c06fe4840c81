#include "sim/engine/inbox.hpp"

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include <stdexcept>

namespace afdsim {

Inbox::Inbox(simgrid::s4u::Mailbox* mailbox, int64_t expected_messages)
    : mailbox_(mailbox), remaining_(expected_messages)
{
  if (remaining_ > 0)
    post();
}

void Inbox::post()
{
  payload_ = nullptr;
  comm_ = mailbox_->get_async<ActivationMessage>(&payload_);
}

std::unique_ptr<ActivationMessage> Inbox::take()
{
  if (payload_ == nullptr)
    throw std::logic_error("Inbox::take on " + mailbox_->get_name() + ": no completed message");
  std::unique_ptr<ActivationMessage> message(payload_);
  message->arrived_s = comm_->get_finish_time();
  payload_ = nullptr;
  comm_ = nullptr;
  if (--remaining_ > 0)
    post();
  return message;
}

} // namespace afdsim
