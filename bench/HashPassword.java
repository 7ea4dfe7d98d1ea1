import at.favre.lib.crypto.bcrypt.BCrypt;

/** Prints a BCrypt hash of the benchmark password (run with the service jar on the class path). */
public class HashPassword {
    public static void main(String[] args) {
        System.out.println(BCrypt.withDefaults().hashToString(Integer.parseInt(args[1]), args[0].toCharArray()));
    }
}
