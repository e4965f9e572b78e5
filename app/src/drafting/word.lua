-- Pasos: a Word document as the Markdown of its steps. Run by pandoc (2.17 or later) after its
-- docx reader, with --track-changes=all. It writes, for each part of the document, a record
-- separator (U+001E), the part's name ("0" for what comes before the first "Paso N" heading,
-- else N) and a line feed, then the part's GitHub-flavoured Markdown (its footnotes with it).
-- What Markdown cannot keep is said on stderr, one "perdido<TAB>kind<TAB>count" line per kind.
local lost = {}
local function note(kind) lost[kind] = (lost[kind] or 0) + 1 end

local function has_class(el, class)
  for _, c in ipairs(el.classes) do if c == class then return true end end
  return false
end

local elements = {}
local notes = {}

-- Word's clipboard HTML carries its footnotes as a link to "#_ftnN" and, at the end, a div
-- "ftnN" with the note (led by a link back): they become real footnotes.
local collect = {
  Div = function(el)
    local n = el.identifier:match('^ftn(%d+)$')
    if n then
      local back = { Link = function(l) if l.target:match('^#_ftnref') then return {} end end }
      local blocks = pandoc.walk_block(pandoc.Div(el.content), back).content
      local first = blocks[1] and blocks[1].content
      while first and first[1] and (first[1].t == 'Space' or (first[1].t == 'Span' and #first[1].content == 0)) do
        table.remove(first, 1)
      end
      notes[n] = blocks
      return {}
    end
  end,
}

function elements.Link(el)
  local n = el.target:match('^#_ftn(%d+)$')
  if n and notes[n] then return pandoc.Note(notes[n]) end
  -- A link inside the document leads nowhere in Pasos: its words stay.
  if el.target:match('^#') then return el.content end
  el.attr = pandoc.Attr()
  return el
end

function elements.Span(el)
  if has_class(el, 'deletion') then note('cambios') return {} end
  if has_class(el, 'insertion') then note('cambios') return el.content end
  if has_class(el, 'comment-start') then note('comentarios') return {} end
  if has_class(el, 'comment-end') then return {} end
  return el.content
end

-- A division (Word's sections, a web page's boxes) is its content.
function elements.Div(el) return el.content end
function elements.Image(el) note('imagenes') return el.caption end
function elements.Underline(el) note('subrayado') return el.content end
function elements.SmallCaps(el) return el.content end
function elements.Superscript(el) note('superindices') return el.content end
function elements.Subscript(el) note('superindices') return el.content end
function elements.Math(el) note('formulas') return pandoc.Str(el.text) end
function elements.RawInline(el) return {} end
function elements.RawBlock(el) return {} end

-- A table whose cells span rows or columns stays a table as HTML; a table without a header row
-- takes its first row as the header (Markdown tables have one).
function elements.Table(tbl)
  local spans = false
  local function scan(rows)
    for _, row in ipairs(rows) do
      for _, cell in ipairs(row.cells) do
        if cell.row_span > 1 or cell.col_span > 1 then spans = true end
      end
    end
  end
  scan(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do scan(body.body) end
  if #tbl.head.rows == 0 and #tbl.bodies > 0 and #tbl.bodies[1].body > 1 then
    -- The header is the first row, and the rows its cells span down into.
    local rows = tbl.bodies[1].body
    local depth = 1
    for _, cell in ipairs(rows[1].cells) do depth = math.max(depth, cell.row_span) end
    local head = {}
    for _ = 1, math.min(depth, #rows - 1) do table.insert(head, table.remove(rows, 1)) end
    tbl.head.rows = head
  end
  -- A header cell is bold already: its words, not a bold run inside it.
  local plain = { Strong = function(el) return el.content end }
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.contents = pandoc.walk_block(pandoc.Div(cell.contents), plain).content
    end
  end
  if spans then
    -- Raw HTML cannot call a Markdown footnote: a note in such a table is put in its cell.
    local inline = { Note = function(n)
      note('notas_en_tablas')
      return pandoc.Str(' (' .. pandoc.utils.stringify(n.content) .. ')')
    end }
    tbl = pandoc.walk_block(tbl, inline)
    return pandoc.RawBlock('html', pandoc.write(pandoc.Pandoc({ tbl }), 'html'))
  end
  return tbl
end

-- The step a heading starts: "Paso 3", "Paso 3.", "Paso 3: …", "PASO 3 – …", not "Paso 3.1".
local function step_of(block)
  if block.t ~= 'Header' then return nil end
  local n, rest = pandoc.utils.stringify(block):match('^%s*[Pp][Aa][Ss][Oo]%s+(%d)(.*)$')
  if n and (rest == '' or rest:match('^[%.:]?%s') or rest:match('^%s*[%-–—]') or rest == '.' or rest == ':') and not rest:match('^%.%d') then
    return n
  end
  return nil
end

local function parts(doc)
  local parts, current, name = {}, {}, '0'
  -- Pasted text (-M pasos-entero) is one part: its "Paso N" headings stay.
  local whole = doc.meta['pasos-entero'] ~= nil
  -- Only the document's top level of "Paso N" headings splits it ("## Paso 2 en la guía" inside
  -- a "# Paso 1" is a heading of Paso 1).
  local level = 7
  for _, block in ipairs(doc.blocks) do
    if step_of(block) then level = math.min(level, block.level) end
  end
  for _, block in ipairs(doc.blocks) do
    local n = not whole and block.t == 'Header' and block.level == level and step_of(block)
    if n then
      table.insert(parts, { name, current })
      current, name = {}, n
    else
      table.insert(current, block)
    end
  end
  table.insert(parts, { name, current })
  local out = {}
  for _, part in ipairs(parts) do
    local markdown = pandoc.write(pandoc.Pandoc(part[2]), 'gfm', { wrap_text = 'wrap-none' })
    table.insert(out, '\30' .. part[1] .. '\n' .. markdown)
  end
  for kind, count in pairs(lost) do io.stderr:write('perdido\t' .. kind .. '\t' .. count .. '\n') end
  return pandoc.Pandoc({ pandoc.RawBlock('gfm', table.concat(out)) })
end

return { collect, elements, { Pandoc = parts } }
