-- Neovim's built-in LSP client against `dotnet <dynlang.dll> lsp` (tests/lsp-clients/run.sh runs it):
--   DYNLANG_DLL=<dll> nvim --headless --clean -u NONE -c 'luafile tests/lsp-clients/nvim/test.lua'
-- Opens ../leak.dyn (one unit error), waits for its diagnostic and checks id (`code`), line and column, fixes
-- the text and waits for no diagnostics, then hover on a parameter (its unit), definition from a use (the
-- declaration's line/column) and documentSymbol. Each step is bounded (LSP_STEP_TIMEOUT_MS, default 60 s).
-- Prints "ok"/"FAILED" per step with what was expected and what came; exits 1 on any failure.
-- Works with Neovim 0.7 (Debian 12: vim.lsp.start_client) and 0.8+ (vim.lsp.start).

local function out(line) io.stdout:write(line .. '\n') end
local step_ms = tonumber(os.getenv('LSP_STEP_TIMEOUT_MS') or '') or 60000
local dll = os.getenv('DYNLANG_DLL')
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local fixture = vim.fn.fnamemodify(here .. '/../leak.dyn', ':p')
local passed, failed = 0, 0

local function finish()
  out(string.format('nvim: %d passed, %d failed', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end

if not dll or vim.fn.filereadable(dll) == 0 then
  out('FAILED: setup: set DYNLANG_DLL to the built dynlang.dll (got ' .. tostring(dll) .. ')')
  failed = 1
  finish()
  return
end

local function step(name, fn)
  local ok, err = pcall(fn)
  if ok then passed = passed + 1; out('ok: ' .. name)
  else failed = failed + 1; out('FAILED: ' .. name .. ': ' .. tostring(err)) end
  return ok
end
local function expect(what, expected, got)
  if not vim.deep_equal(expected, got) then
    error(string.format('%s: expected %s, got %s', what, vim.inspect(expected), vim.inspect(got)), 0)
  end
end

-- The filetype mapping a user's init.lua has (vim.filetype.add: 0.7 needs do_filetype_lua; 0.8+ uses it always).
vim.g.do_filetype_lua = 1
if vim.filetype and vim.filetype.add then vim.filetype.add({ extension = { dyn = 'dyn' } }) end
vim.cmd('filetype on')
vim.cmd('autocmd BufRead,BufNewFile *.dyn setfiletype dyn')

local config = {
  name = 'dynlang',
  cmd = { 'dotnet', dll, 'lsp' },
  root_dir = vim.fn.fnamemodify(fixture, ':h'),
}
local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'dyn',
  callback = function(args)
    if vim.lsp.start then
      client_id = vim.lsp.start(config)
    else
      client_id = client_id or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})

vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
local buf = vim.api.nvim_get_current_buf()
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function find(pattern, word)
  for i, l in ipairs(lines) do
    if l:find(pattern, 1, true) then
      local s = l:find('%f[%w_]' .. word .. '%f[^%w_]')
      return { line = i - 1, character = s - 1 }
    end
  end
  error('fixture has no line with ' .. pattern, 0)
end
local tau_declaration = find('param tau', 'tau')
local tau_use = find('dv/dt', 'tau')
local uri = vim.uri_from_bufnr(buf)

local function request(method, params)
  local answers, err = vim.lsp.buf_request_sync(buf, method, params, step_ms)
  if not answers then error(method .. ': no answer within ' .. step_ms .. ' ms (' .. tostring(err) .. ')', 0) end
  if os.getenv("LSP_DEBUG") then out(method .. " -> " .. vim.inspect(answers)) end
  local answer = answers[client_id]
  if not answer then error(method .. ': no answer from the dynlang client: ' .. vim.inspect(answers), 0) end
  local err = answer.err or answer.error -- 0.8+: err; 0.7: error
  if err then error(method .. ': error ' .. (err.code and (err.code .. ' ' .. tostring(err.message)) or vim.inspect(err)), 0) end
  return answer.result
end

local started = step('the client starts and attaches', function()
  expect('filetype', 'dyn', vim.bo[buf].filetype)
  local ok = vim.wait(step_ms, function()
    local c = client_id and vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 100)
  if not ok then error('the client did not initialize within ' .. step_ms .. ' ms', 0) end
end)

if started then
  step("didOpen: the diagnostic has the build's id, line and column", function()
    -- An over-budget compile first publishes warning DL0904 alone; wait for the compile's own list (an error).
    vim.wait(step_ms, function() return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) > 0 end, 100)
    local diagnostics = vim.diagnostic.get(buf)
    if #diagnostics ~= 1 then error('expected one diagnostic, got ' .. vim.inspect(diagnostics), 0) end
    local d = diagnostics[1]
    -- dynlang check: leak.dyn(6,28): error DL0201: unit mismatch in a sum (1-based; LSP's are 0-based)
    expect('code, line, column, severity',
      { code = 'DL0201', lnum = 5, col = 27, severity = vim.diagnostic.severity.ERROR },
      { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity })
  end)

  step('didChange fixing the error: no diagnostics', function()
    local row = tau_use.line
    local fixed = lines[row + 1]:gsub(' %+ tau$', '')
    vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { fixed })
    lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    local ok = vim.wait(step_ms, function() return #vim.diagnostic.get(buf) == 0 end, 100)
    if not ok then error('diagnostics still there: ' .. vim.inspect(vim.diagnostic.get(buf)), 0) end
  end)

  step('hover on a parameter shows "parameter", tau and its unit ms', function()
    local result = request('textDocument/hover', { textDocument = { uri = uri }, position = tau_use })
    local value = result and result.contents and (result.contents.value or result.contents)
    if type(value) ~= 'string' then error('expected markdown contents, got ' .. vim.inspect(result), 0) end
    for _, needed in ipairs({ 'parameter', '%f[%w_]tau%f[^%w_]', '%f[%w_]ms%f[^%w_]' }) do
      if not value:lower():find(needed) then error('hover lacks ' .. needed .. ': ' .. value, 0) end
    end
  end)

  step("definition from a use: the declaration's line and column", function()
    local result = request('textDocument/definition', { textDocument = { uri = uri }, position = tau_use })
    if result and result.uri == nil and result.targetUri == nil and #result == 1 then result = result[1] end
    if not result or (result.uri or result.targetUri) == nil then
      error('expected one Location, got ' .. vim.inspect(result), 0)
    end
    expect('uri', uri, result.uri or result.targetUri)
    expect('range.start', tau_declaration, (result.range or result.targetSelectionRange).start)
  end)

  step('documentSymbol: Leak with tau, I and v', function()
    local result = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
    if type(result) ~= 'table' or #result ~= 1 then error('expected one model, got ' .. vim.inspect(result), 0) end
    local names = {}
    for _, c in ipairs(result[1].children or {}) do table.insert(names, c.name) end
    table.sort(names)
    expect('model and children', { 'Leak', { 'I', 'tau', 'v' } }, { result[1].name, names })
  end)

  step('stop: the server exits', function()
    vim.lsp.stop_client(client_id)
    local ok = vim.wait(step_ms, function() return vim.lsp.get_client_by_id(client_id) == nil end, 100)
    if not ok then error('the client is still running after ' .. step_ms .. ' ms', 0) end
  end)
end

finish()
