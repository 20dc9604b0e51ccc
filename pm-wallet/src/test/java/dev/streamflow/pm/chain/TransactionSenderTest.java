package dev.streamflow.pm.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.streamflow.pm.key.EthereumKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

class TransactionSenderTest {
    /** Our EIP-155 signing (the key stays inside EthereumKey) gives web3j's bytes exactly (RFC 6979 is deterministic). */
    @Test
    void signsLegacyEip155TransactionsExactlyAsWeb3j() {
        SecureRandom random = new SecureRandom();
        for (long chainId : new long[] {1, 31337, 42161}) {
            for (int i = 0; i < 20; i++) {
                EthereumKey key = EthereumKey.generate(random);
                RawTransaction tx = RawTransaction.createTransaction(BigInteger.valueOf(i), BigInteger.valueOf(100_000_000L),
                        BigInteger.valueOf(210_000), "0xa8bb618b1520e284046f3dfc448851a1ff26e41b",
                        BigInteger.TEN.pow(17).add(BigInteger.valueOf(i)), "0x6caa736b");
                TransactionSender sender = new TransactionSender(null, key, chainId, TxSettings.DEFAULT, TxProgress.NONE);
                byte[] expected = TransactionEncoder.signMessage(tx, chainId,
                        Credentials.create(ECKeyPair.create(key.exportPrivateKey())));
                assertArrayEquals(expected, sender.sign(tx), "chain " + chainId + " tx " + i);
            }
        }
    }
}
