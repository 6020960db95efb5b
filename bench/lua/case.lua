-- The wrk script of every case of bench/run.sh, and of the guarded load of bench/chaos.sh and
-- bench/soak.sh. All requests are formatted once, in init(), and request() only hands out the next
-- one, so each case costs wrk the same per request whether it sends no token, one token or a pool
-- of them.
--
-- Environment (set by the bench scripts):
--   BENCH_METHOD, BENCH_PATH        the request line (default GET /)
--   BENCH_HEADER, BENCH_PREFIX      header carrying a token, and its prefix ("Bearer ")
--   BENCH_TOKENS                    file with one token a line, cycled through in order
--   BENCH_BODY, BENCH_CONTENT_TYPE  a request body and its type
--   BENCH_AUTHORIZATION             a fixed Authorization header (client authentication)
--   BENCH_CAPTURE, BENCH_CAPTURE_FILE, BENCH_CAPTURE_LIMIT
--                                   append this response header's value to the file; stop after
--                                   the limit (minting the token pools)
--   BENCH_OUT                       where done() appends its one-line summary
--   BENCH_TALLY, BENCH_DOCUMENTED   count the responses by status, each as documented or not:
--                                   BENCH_DOCUMENTED lists the answers the route may give, one
--                                   "<status> <body>" a line; done() writes the counts, the socket
--                                   errors and the longest latency to BENCH_TALLY. Off when unset,
--                                   so the load benchmark's cases pay nothing for it

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local header = os.getenv("BENCH_HEADER") or ""
local prefix = os.getenv("BENCH_PREFIX") or ""
local tokens = os.getenv("BENCH_TOKENS") or ""
local body = os.getenv("BENCH_BODY")
local content_type = os.getenv("BENCH_CONTENT_TYPE")
local authorization = os.getenv("BENCH_AUTHORIZATION")
local capture = os.getenv("BENCH_CAPTURE")
local capture_file = os.getenv("BENCH_CAPTURE_FILE")
local capture_limit = tonumber(os.getenv("BENCH_CAPTURE_LIMIT") or "0")
local out = os.getenv("BENCH_OUT")
local tally_file = os.getenv("BENCH_TALLY")

local requests = {}
local count = 0
local index = 0

function init(args)
  local headers = {}
  if content_type then headers["Content-Type"] = content_type end
  if authorization then headers["Authorization"] = authorization end
  if header ~= "" then
    for line in io.lines(tokens) do
      if #line > 0 then
        headers[header] = prefix .. line
        count = count + 1
        requests[count] = wrk.format(method, path, headers, body)
      end
    end
  else
    count = 1
    requests[1] = wrk.format(method, path, headers, body)
  end
end

function request()
  index = index % count + 1
  return requests[index]
end

-- Per thread (wrk runs this script in one Lua state per thread); done() reads them from the threads.
tally = {}
undocumented_sample = ""
local documented = {}
local sink = nil
local captured = 0

if tally_file then
  for line in io.lines(os.getenv("BENCH_DOCUMENTED")) do documented[line] = true end
end

local function capture_token(status, headers)
  local value = headers[capture]
  if status == 200 and value then
    if not sink then sink = assert(io.open(capture_file, "a")) end
    sink:write(value, "\n")
    captured = captured + 1
    if captured >= capture_limit then
      sink:close()
      sink = nil
      wrk.thread:stop()
    end
  end
end

local function tally_response(status, response_body)
  local key = tostring(status)
  if not documented[key .. " " .. response_body] then
    key = key .. "-undocumented"
    if undocumented_sample == "" then undocumented_sample = key .. " " .. string.sub(response_body, 1, 200) end
  end
  tally[key] = (tally[key] or 0) + 1
end

if capture or tally_file then
  function response(status, headers, response_body)
    if capture then capture_token(status, headers) end
    if tally_file then tally_response(status, response_body or "") end
  end
end

local threads = {}
if tally_file then
  function setup(thread)
    table.insert(threads, thread)
  end
end

local function write_summary(summary, latency)
  local errors = summary.errors
  local file = assert(io.open(out, "a"))
  -- requests duration_us non2xx socket_errors p50_us p99_us
  file:write(string.format("%d %d %d %d %d %d\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
  file:close()
end

local function write_tally(summary, latency)
  local totals = {}
  local sample = ""
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("tally")) do totals[key] = (totals[key] or 0) + n end
    local s = thread:get("undocumented_sample")
    if sample == "" and s ~= "" then sample = s end
  end
  local errors = summary.errors
  local file = assert(io.open(tally_file, "w"))
  for key, n in pairs(totals) do file:write("status ", key, " ", n, "\n") end
  file:write(string.format("requests %d\nduration_us %d\nlatency_max_us %d\nlatency_p99_us %d\n",
    summary.requests, summary.duration, latency.max, latency:percentile(99)))
  file:write(string.format("errors connect %d read %d write %d timeout %d\n",
    errors.connect, errors.read, errors.write, errors.timeout))
  if sample ~= "" then file:write("sample ", sample, "\n") end
  file:close()
end

function done(summary, latency, requests)
  if out then write_summary(summary, latency) end
  if tally_file then write_tally(summary, latency) end
end
