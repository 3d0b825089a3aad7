-- wrk script: each request takes the next path from the file named by $TARGETS (one path a line),
-- each wrk thread starting at a different offset, so requests spread over every URL in the file.
local paths = {}
for line in io.lines(os.getenv("TARGETS")) do
    if #line > 0 then paths[#paths + 1] = line end
end
assert(#paths > 0, "no targets in " .. tostring(os.getenv("TARGETS")))

-- $ENCODING (default gzip) is sent as Accept-Encoding; "identity" asks for plain bodies.
local headers = { ["Accept-Encoding"] = os.getenv("ENCODING") or "gzip" }
local counter = 0
index = 1 -- global: setup() gives each thread its own start

function setup(thread)
    counter = counter + 1
    thread:set("index", (counter * 7919) % #paths + 1)
end

function request()
    local path = paths[index]
    index = index % #paths + 1
    return wrk.format("GET", path, headers)
end
