-- wrk script: POST /event with a body shaped like the Python EventClient's (about 300 bytes).
-- No event id is sent, so the server generates a new ULID for every request.
local counter = 0
local headers = { ["Content-Type"] = "application/json" }
local template = '{"event_type":"log_info","log_level":20,"alert":false,'
  .. '"event_timestamp":"%s.%06d","source":{"node_id":"01M90V2W7QHNBC810AP00DWNXW"},'
  .. '"event_data":{"message":"benchmark event","step":%d},'
  .. '"trace_id":null,"span_id":null,"archived":false,"archived_at":null}'

request = function()
  counter = counter + 1
  local body = string.format(template, os.date("!%Y-%m-%dT%H:%M:%S"), counter % 1000000, counter)
  return wrk.format("POST", "/event", headers, body)
end
