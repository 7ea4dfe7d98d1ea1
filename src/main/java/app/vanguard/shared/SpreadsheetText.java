package app.vanguard.shared;

/**
 * Text written to a CSV export that a spreadsheet will show as text rather than run (CSV / formula injection): a cell
 * starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe. Names, topics and reasons are
 * typed by members and secretaries; the secretary opens the export in Excel or WPS. (.xlsx exports write string
 * cells, which spreadsheets never evaluate.)
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    /** The value itself, or for text that would start a formula, the text behind an apostrophe. */
    public static Object csvCell(Object value) {
        if (value instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return value;
    }
}
