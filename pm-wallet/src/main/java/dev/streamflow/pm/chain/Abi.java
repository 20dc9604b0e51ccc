package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Signatures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/** Small helpers for hand-written ABI calls: building functions and reading their typed results. */
final class Abi {
    static final TypeReference<Uint256> UINT256 = new TypeReference<>() { };
    static final TypeReference<Bool> BOOL = new TypeReference<>() { };
    static final TypeReference<Bytes32> BYTES32 = new TypeReference<>() { };
    static final TypeReference<org.web3j.abi.datatypes.Address> ADDRESS = new TypeReference<>() { };
    static final TypeReference<Utf8String> STRING = new TypeReference<>() { };

    private Abi() {
    }

    @SuppressWarnings("rawtypes")
    static Function function(String name, List<? extends Type> inputs, TypeReference<?>... outputs) {
        return new Function(name, new ArrayList<Type>(inputs), List.of(outputs));
    }

    static org.web3j.abi.datatypes.Address address(Address address) {
        return new org.web3j.abi.datatypes.Address(address.toLowerHex());
    }

    static Uint256 uint(BigInteger value) {
        return new Uint256(value);
    }

    static Uint256 uint(long value) {
        return new Uint256(value);
    }

    static Address toAddress(Type<?> value) {
        return Address.parse(((org.web3j.abi.datatypes.Address) value).getValue());
    }

    static BigInteger toUint(Type<?> value) {
        return ((Uint256) value).getValue();
    }

    static long toLong(Type<?> value, String what) {
        BigInteger number = toUint(value);
        if (number.bitLength() > 63) {
            throw new ChainException(what + " out of range: " + number);
        }
        return number.longValue();
    }

    static boolean toBool(Type<?> value) {
        return ((Bool) value).getValue();
    }

    static byte[] toBytes32(Type<?> value) {
        return ((Bytes32) value).getValue();
    }

    /** Controller ids are keccak256 of the contract name. */
    static byte[] contractId(String name) {
        return Signatures.keccak256(name.getBytes(StandardCharsets.UTF_8));
    }
}
