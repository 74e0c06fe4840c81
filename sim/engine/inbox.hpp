#pragma once
// One mailbox with its next receive always posted. SimGrid starts a transfer only once both the
// put and the get exist; GPUs receive into preallocated buffers, so a message must start flowing
// when its sender puts it. Each mailbox carries one (worker, microbatch) stream whose messages
// are strictly sequential, so one posted receive is enough.
#include "sim/engine/messages.hpp"

#include <simgrid/forward.h>

#include <cstdint>
#include <memory>

namespace afdsim {

class Inbox {
public:
  // Posts the first receive (call from the receiving actor) unless no message is expected.
  Inbox(simgrid::s4u::Mailbox* mailbox, int64_t expected_messages);
  // Frees a message that arrived but was never taken (a run stopped by a deadlock or an error).
  ~Inbox() { delete payload_; }
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;

  // The posted receive: wait on it, alone or with others (Comm::wait_any).
  const simgrid::s4u::CommPtr& pending() const { return comm_; }
  // After pending() completed: the message, stamped with its arrival time. Posts the next receive
  // if more messages are expected.
  std::unique_ptr<ActivationMessage> take();
  // The same, but the next receive is only prepared: start_prepared_receive() posts it, inside a
  // kernel visit shared with other inboxes (kernel_visit.hpp).
  std::unique_ptr<ActivationMessage> take_preparing_next();
  void start_prepared_receive();

private:
  std::unique_ptr<ActivationMessage> take_message();
  void prepare();

  simgrid::s4u::Mailbox* mailbox_;
  int64_t remaining_;
  simgrid::s4u::CommPtr comm_;
  bool prepared_ = false;                 // comm_ is the next receive, not started yet
  ActivationMessage* payload_ = nullptr;  // written by SimGrid when the receive completes
};

} // namespace afdsim
