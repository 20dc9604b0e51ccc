package dev.streamflow.pm.chain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.web3j.protocol.core.Response;

/**
 * {@code eth_getBlockByNumber} read for the two numbers PM needs. web3j's own block type has no
 * {@code l1BlockNumber}, which Arbitrum adds to its headers (and which its {@code block.number} returns).
 */
public final class ArbitrumBlockResponse extends Response<ArbitrumBlockResponse.Header> {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Header {
        private String number;
        private String l1BlockNumber;

        public String getNumber() {
            return number;
        }

        public void setNumber(String number) {
            this.number = number;
        }

        public String getL1BlockNumber() {
            return l1BlockNumber;
        }

        public void setL1BlockNumber(String l1BlockNumber) {
            this.l1BlockNumber = l1BlockNumber;
        }
    }
}
