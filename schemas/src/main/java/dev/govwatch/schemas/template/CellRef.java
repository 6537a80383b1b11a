package dev.govwatch.schemas.template;

/**
 * One cell of a statistics table: table id ('T3'), row key ('apps.granted') and column key
 * ('naturalPerson'). Printed as {@code T3/apps.granted/naturalPerson}, the form alerts' evidence uses.
 */
public record CellRef(String table, String row, String column) {

    @Override
    public String toString() {
        return table + "/" + row + "/" + column;
    }
}
